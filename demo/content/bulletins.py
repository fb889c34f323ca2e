"""The two workplace bulletins and their editions. All text written for the demo."""

import datetime

from .markup import box, item, quote

SERIES = [
    {
        "slug": "tubeworker",
        "title": "Tubeworker",
        "strapline": "By and for workers on the London Underground",
        "industry": "London Underground",
        "masthead_colour": "#b3001b",
        "logo": "logo-tubeworker",
        "contact_email": "tubeworker@example.org",
        "intro": """*Tubeworker* has been produced by Workers' Liberty members on the Tube
        for many years. We cover every grade, every line and every dispute, and we print
        what management would rather you did not read.""",
        "get_involved": """Want to write for *Tubeworker*, help hand it out at your depot
        or station, or get extra copies? Email us; we keep your name out of it.""",
        "editions": [
            {
                "number": 121,
                "date": datetime.date(2026, 10, 19),
                "title": "Hands off our stations",
                "body": [
                    item(
                        "Station cuts: the plans leak out",
                        """A management slide deck doing the rounds shows plans to cut several
                        hundred station posts and merge grades. Management say "nothing is
                        decided". That is what they said last time, too. Ask your rep for the
                        details and talk it over on your group.""",
                    ),
                    item(
                        "Night Tube: no to solo working",
                        """Staff on some Night Tube stations report being left on their own
                        for hours. That is unsafe and against agreed staffing levels. If it
                        happens to you, report it in writing and tell your rep. We have a
                        right to refuse to work where it is not safe.""",
                    ),
                    quote(
                        "They want one person doing three people's jobs and calling it "
                        "flexibility.",
                        "A CSA on the Northern line",
                    ),
                    item(
                        "Cleaners win sick pay",
                        """Cleaners on the Tube, employed by a contractor, have won full sick
                        pay from the first day of illness after threatening to strike. Well
                        done to everyone involved. Now let's win them the same pay and
                        pensions as directly employed staff.""",
                    ),
                    item(
                        "Assaults: the figures keep rising",
                        """Assaults on staff are up again this year. A poster campaign will
                        not fix it. More staff on stations will.""",
                    ),
                ],
            },
            {
                "number": 122,
                "date": datetime.date(2026, 11, 2),
                "title": "Get ready to ballot",
                "body": [
                    item(
                        "Station cuts confirmed",
                        """It is official. Management have confirmed their "station
                        transformation" plans to the unions, and the cuts are as bad as the
                        leaked slides suggested. The union will ballot station staff in
                        December. We need a big turnout: talk to every workmate on every
                        shift.""",
                    ),
                    item(
                        "Why the ballot must be wide",
                        """If only some grades are balloted, management can pick us off one
                        group at a time. The ballot should cover every station grade, and
                        reps should be talking to drivers and other staff about joining in
                        when their turn comes.""",
                    ),
                    box(
                        "Ballot checklist",
                        """- Check your address is up to date with the union.
                        - Tell your rep if you did not get a ballot paper last time.
                        - Post your vote the day it arrives.""",
                    ),
                    item(
                        "Guards in the Midlands strike",
                        """Guards on the mainline in the Midlands are striking against
                        driver-only operation. Their fight is our fight: if management get
                        away with it there, they will try it here. Send a message of
                        support.""",
                    ),
                ],
            },
            {
                "number": 123,
                "date": datetime.date(2026, 11, 16),
                "title": "A safe Tube needs staff",
                "body": [
                    item(
                        "Passengers back us",
                        """Disabled passengers' groups and women's safety campaigners have
                        come out against the station cuts. Unstaffed stations are unsafe
                        stations. Use their statements when you talk to passengers and
                        workmates.""",
                    ),
                    item(
                        "Meeting for all station staff",
                        """An open meeting for station staff of every grade and every union
                        will be held on 26 November, after the early turn, near King's Cross.
                        Come and discuss how we win the ballot and what action we take
                        after.""",
                    ),
                    quote(
                        "Last time they cut the stations, we won the jobs back. We can do it "
                        "again.",
                        "A station supervisor with twenty years' service",
                    ),
                    item(
                        "Budget day",
                        """The Budget is on 25 November. Join the protests and bring your
                        workmates. Public transport needs public money.""",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "off-the-rails",
        "title": "Off The Rails",
        "strapline": "The rank-and-file bulletin for mainline rail workers",
        "industry": "Mainline rail",
        "masthead_colour": "#1b5e3b",
        "logo": "logo-off-the-rails",
        "contact_email": "offtherails@example.org",
        "intro": """*Off The Rails* is written by and for workers on the mainline railway:
        guards, drivers, station and depot staff, track and signalling workers, cleaners
        and caterers, in every union and none.""",
        "get_involved": """Send us your news, however small. Help give out *Off The Rails*
        at your depot. Email us and we will be in touch.""",
        "editions": [
            {
                "number": 58,
                "date": datetime.date(2026, 10, 26),
                "title": "Vote yes for the guards",
                "body": [
                    item(
                        "Guards' ballot closes this week",
                        """The ballot over pay and driver-only operation closes on 28
                        October. If you have not voted, do it today. A big yes vote is the
                        best way to make management think again.""",
                    ),
                    item(
                        "Nationalised, but the same old plans",
                        """The company has new owners, the public, but the same directors
                        and the same business plan. Driver-only operation was their plan
                        under the old contract, and it is their plan now.""",
                    ),
                    item(
                        "Cleaners: in-house now",
                        """Train cleaners employed by contractors are still paid less than
                        anyone else on the railway. Public ownership should mean bringing
                        them in-house, on the same terms as the rest of us.""",
                    ),
                ],
            },
            {
                "number": 59,
                "date": datetime.date(2026, 11, 9),
                "title": "Strike on 12 and 13 November",
                "body": [
                    item(
                        "86% for strikes",
                        """Guards and on-board staff voted 86% for strikes on a 72% turnout.
                        We strike on 12 and 13 November, with an overtime ban from the 14th.
                        Pickets at every depot from 5am. Bring a flask.""",
                    ),
                    box(
                        "Strike dates",
                        """- 12 and 13 November: all-out strike.
                        - From 14 November: overtime and rest-day working ban for four
                        weeks.""",
                    ),
                    item(
                        "Don't do their dirty work",
                        """Managers are being trained to work as guards during the strike.
                        Nobody should be asked to help them. If you are, tell your rep.""",
                    ),
                    quote(
                        "We are the safety on this railway. Take us off and you take the "
                        "safety off with us.",
                        "A guard at Tyseley",
                    ),
                    item(
                        "Coordinate with other operators",
                        """Guards on two other operators are balloting over similar plans.
                        We should be pressing for joint strike dates as soon as their
                        results are in.""",
                    ),
                ],
            },
            {
                "number": 60,
                "date": datetime.date(2026, 11, 20),
                "title": "Solid strike: what next?",
                "body": [
                    item(
                        "The strike was solid",
                        """Almost every guard stayed out on both days, and most trains that
                        needed a guard did not run. Thank you to everyone who picketed, and to
                        the drivers and station staff who showed support.""",
                    ),
                    item(
                        "Management still won't move",
                        """After the strike, management offered talks on pay but refused to
                        withdraw the driver-only plans. That is not good enough. The overtime
                        ban continues, and the union is discussing more strike dates.""",
                    ),
                    item(
                        "Passengers' groups speak out",
                        """Disabled passengers' groups have written to the company's board
                        opposing trains without guards. Their support matters: use it when
                        passengers ask you about the strike.""",
                    ),
                    item(
                        "Meeting for all grades",
                        """An open meeting for rail workers of all grades will discuss the
                        dispute and how to spread it, on 1 December in Birmingham. All
                        welcome.""",
                    ),
                ],
            },
        ],
    },
]
