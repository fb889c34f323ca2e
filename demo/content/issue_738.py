"""Solidarity 738, 18 November 2026. All text written for the demo; all names invented."""

import datetime

from .markup import box, h, img, notes, p, quote

ISSUE = {
    "number": 738,
    "date": datetime.date(2026, 11, 18),
    "cover_headline": "Budget: make the rich pay",
    "cover_image": "budget-demo",
    "editorial_note": """Next week's Budget will tell us whether the government has learned
    anything from a year of strikes and protests. We set out what the labour movement should
    demand. Also inside: Tube workers head for a ballot, and the end of the great miners'
    lockout, a hundred years ago this month.""",
    "articles": [
        {
            "slug": "make-the-rich-pay-what-the-budget-should-do",
            "title": "Make the rich pay: what the Budget should do",
            "standfirst": """The Chancellor is expected to announce more spending restraint
            next week. The labour movement should be demanding the opposite.""",
            "section": "editorial",
            "authors": ["editorial-board"],
            "tags": ["budget", "tax", "Labour", "cuts"],
            "image": "budget-demo",
            "body": [
                p("""Briefings from the Treasury ahead of next week's Budget all point the
                same way. Departments will be told to find more "efficiencies". Public
                sector pay will be held down. A few modest measures will be dressed up as
                help with the cost of living. And the wealthiest will once again be left
                almost untouched.

                The government's defenders say its hands are tied: by the debt, by the bond
                markets, by promises made before the election not to raise the main taxes.
                But every one of those constraints is a political choice, and the government
                has chosen to protect the people at the top."""),
                h("The choice"),
                p("""While nurses queue at food banks and councils close libraries, the
                wealth of the richest has never been greater. Company profits are high,
                dividends are flowing, and property and share prices have recovered from
                every shock of the last fifteen years. Taxing that wealth is not
                impossible. It is simply something this government will not do unless it is
                forced to."""),
                img(
                    "budget-demo",
                    "Marchers demand a wealth tax outside the Treasury last month.",
                    "Solidarity",
                ),
                h("What we demand"),
                p("""- A wealth tax on fortunes above a few million pounds.
                - Income from shares and property taxed at the same rates as wages.
                - Pay rises for every public sector worker at least in line with inflation.
                - Emergency funding for councils, and an end to cuts in local services.
                - Public ownership of energy, water and the banks."""),
                quote(
                    """Every one of those constraints is a political choice, and the
                    government has chosen to protect the people at the top."""
                ),
                h("Pressure from below"),
                p("""None of this will be won by polite lobbying. The health workers,
                teachers, council workers and transport workers now in dispute are the
                force that can change the government's course. The unions should bring
                their disputes together, and the Labour left should stop pleading with the
                leadership and start organising against its policies inside and outside the
                party.

                Budget day protests are planned in many towns and cities. Join them, and
                bring your workmates. And on the day after, start organising for what comes
                next: the disputes that are already under way will not be settled by a
                Chancellor's speech, and the ones still to come will need every bit of
                solidarity the movement can give."""),
            ],
        },
        {
            "slug": "tube-station-staffing-fight-heads-for-ballot",
            "title": "Tube: station staffing fight heads for ballot",
            "standfirst": """London Underground wants to cut hundreds of station jobs under
            the banner of "modernisation". Station staff are preparing to vote on
            action.""",
            "section": "industrial",
            "authors": ["tomasz-wierzbicki"],
            "tags": ["Tube", "London Underground", "RMT", "strikes", "jobs"],
            "image": "tube-demo",
            "body": [
                p("""Station staff on the London Underground will be balloted for strikes
                next month after management confirmed plans to cut several hundred station
                jobs and reorganise the grades that remain.

                The plans, known inside the company as "station transformation", would see
                fewer staff covering more stations, with some smaller stations left with a
                single member of staff for long periods, or none at all at quiet times.
                Management says the changes will save money and reflect the way passengers
                now buy tickets. Workers say they will make stations less safe."""),
                h("We've been here before"),
                p("""Tube workers have good reason to be wary. When ticket offices were
                closed a decade ago, the company promised that staff would be more visible
                and more helpful on the gateline and platforms. Instead, staffing levels
                were cut, and stations were left so short that some had to close when staff
                were off sick.

                A campaign by station staff and passengers eventually forced management to
                restore hundreds of jobs. Many of the workers who won that fight are still
                on the job, and they remember how it was done."""),
                img(
                    "tube-platform",
                    "Management wants some stations left unstaffed at quiet times.",
                    "Solidarity",
                ),
                quote(
                    """Every time they cut staff, it's the disabled passenger, the lost
                    tourist and the woman on her own late at night who pay for it.""",
                    "A station supervisor",
                ),
                h("Building for a big vote"),
                p("""The ballot will be held under the current anti-union laws, which require
                a high turnout for a strike to be lawful. That means every rep needs to be
                talking to every member on every shift, not relying on emails from head
                office.

                *Tubeworker*, the rank-and-file bulletin produced by Workers' Liberty
                members on the Underground, is arguing for the ballot to cover the whole of
                the stations function, so that no group of workers can be picked off, and
                for strike action to be planned with the drivers and other grades who may
                face similar cuts next.

                Station staff work around the clock, spread across more than two hundred
                and fifty locations, often with only a handful of colleagues on any shift.
                That makes organising hard. It also means that the work of winning the
                ballot cannot be left to a few full-time officials. Every rep, and every
                member who is willing, needs to take responsibility for a group of
                stations and make sure nobody is missed. Night turns and part-time staff are
                the easiest to overlook and often the angriest about the plans."""),
                box(
                    "The plans at a glance",
                    """- Several hundred station jobs to go.
                    - Fewer grades, with more "flexible" rostering.
                    - Some smaller stations to be left unstaffed at quiet times.
                    - Ballot expected to open in December.""",
                ),
                h("Passengers on side"),
                p("""Disabled passengers' groups and women's safety campaigners opposed the
                ticket office closures, and they are already speaking out against the new
                cuts. Tube workers should welcome that support and build on it. A fully
                staffed Tube is safer for everyone who uses it."""),
            ],
        },
        {
            "slug": "teachers-vote-for-action-in-indicative-ballot",
            "title": "Teachers vote for action in indicative ballot",
            "standfirst": """Nine in ten teachers who voted backed strikes over pay and
            workload. Now the union has to turn that into a national fight.""",
            "section": "industrial",
            "authors": ["joel-abernethy"],
            "tags": ["schools", "NEU", "pay", "education"],
            "image": "teachers-meeting",
            "body": [
                p("""Members of the biggest teaching union in England have voted
                overwhelmingly for strikes in an indicative ballot over pay, funding and
                workload. Ninety per cent of those voting said they would strike, on a
                turnout of just over half.

                The result is a clear sign of how fed up teachers and support staff are.
                This year's pay award was only partly funded, which means schools are paying
                for it by cutting teaching assistants, leaving posts unfilled and increasing
                class sizes. Workload has not fallen despite years of promises."""),
                h("From indicative to statutory"),
                p("""An indicative ballot is not a legal mandate for strikes. The union's
                executive must now decide whether to move to a formal ballot, and when. Some
                leaders will argue for caution: for more time, more talks with the
                government, more lobbying of MPs.

                Most activists I have spoken to want to move quickly, while the anger is
                there. A formal ballot in the new year, timed to allow action in the spring
                term, would keep up the pressure."""),
                quote(
                    """Every school I know is cutting support staff to pay for a pay rise
                    the government promised to fund.""",
                    "A head of department in West Yorkshire",
                ),
                img(
                    "teachers-meeting",
                    "A packed union meeting in Leeds last week discussed the result.",
                    "Solidarity",
                ),
                h("Rank and file"),
                p("""The turnout was highest where there are active school groups and reps
                who talk to members face to face. That is the lesson for the next stage.
                Teachers should be setting up workplace meetings now, linking up with
                support staff in other unions, and making sure that decisions about the
                dispute are taken by members, not just by the executive.

                The Education Solidarity Network, a rank-and-file network in the union, is
                holding an open meeting online on 29 November to discuss how to win the
                formal ballot.

                Support staff in schools, many of them members of other unions, face the
                same pressures on pay and workload, and are often the first to lose their
                jobs when budgets are squeezed. A dispute that brings teachers and support
                staff out together would be far harder for the government to ignore."""),
            ],
        },
        {
            "slug": "south-korea-subcontracted-workers-test-new-law",
            "title": "South Korea: subcontracted workers test the new law",
            "standfirst": """A law that lets subcontracted workers bargain with the
            companies that really control their jobs is being put to the test in the
            shipyards.""",
            "section": "international",
            "authors": ["nadia-ferrante"],
            "tags": ["South Korea", "trade unions", "international solidarity"],
            "image": "shipyard",
            "body": [
                p("""For decades, South Korea's big firms have used layers of subcontracting
                to keep labour costs down and unions out. In the shipyards, the steelworks
                and the car plants, subcontracted workers do much of the hardest and most
                dangerous work, for far less pay than the direct employees beside them. When
                they organised, the main companies refused to talk to them, saying they were
                not their employees.

                A law passed last year, known as the "yellow envelope" law, changes that.
                It requires companies that have real control over working conditions to
                bargain with subcontracted workers' unions, and limits the huge damages
                claims that employers have used to bankrupt strikers."""),
                h("The shipyards"),
                p("""This autumn, unions of subcontracted workers in the shipbuilding
                industry have become the first to use the law on a large scale. They have
                demanded direct negotiations with the main yards over pay, safety and the
                use of migrant workers on short contracts.

                The employers' response has been to go to court, arguing that the law does
                not apply to them, while offering limited talks through their
                subcontractors. The unions have held rallies and short strikes to press
                their case."""),
                quote(
                    """For twenty years they told us to talk to the subcontractor. Now the
                    law says we can talk to the people who really decide.""",
                    "A shipyard union organiser",
                ),
                h("Lessons for us"),
                p("""The law's name comes from a campaign in which people sent money in
                yellow envelopes to help workers facing ruinous damages after a strike. It
                was won by years of struggle by Korean workers, often at great personal
                cost.

                British workers face their own version of the problem. Outsourced cleaners,
                agency drivers and subcontracted construction workers all struggle to
                bargain with the companies that really set their terms. The Korean example
                shows that the law can be changed, and that it takes a fight to do it."""),
                notes(
                    "The law amends Articles 2 and 3 of South Korea's Trade Union and Labour "
                    "Relations Adjustment Act.",
                ),
            ],
        },
        {
            "slug": "midwives-we-cant-keep-mothers-safe-like-this",
            "title": "Midwives: 'We can't keep mothers safe like this'",
            "standfirst": """Maternity services are short of thousands of midwives. The
            people working in them say the warnings have been ignored for years.""",
            "section": "womens-fightback",
            "authors": ["priya-halden"],
            "tags": ["NHS", "women", "maternity", "health"],
            "image": "nhs-picket",
            "body": [
                p("""Another report this autumn has found serious failings in maternity care
                at a group of hospitals, and once again the causes are familiar: too few
                midwives, too few doctors on duty at night, and warnings from staff that
                were not acted on.

                Every one of these reports makes recommendations. Every one is followed by a
                promise that lessons will be learned. And yet the shortages grow worse. The
                service is short of thousands of midwives, and more are leaving each year
                than are joining."""),
                h("In their own words"),
                p("""I spoke to midwives at three hospitals for this article. They described
                shifts where one midwife was caring for several women in labour at once,
                breaks that never happened, and the constant fear that something would be
                missed.

                Several told me they had thought about leaving. One, who has worked in
                maternity for more than twenty years, said she no longer felt able to give
                women the care she was trained to give."""),
                quote(
                    """You go home and lie awake thinking about the woman you only saw for
                    five minutes.""",
                    "A midwife in the East Midlands",
                ),
                h("A women's health crisis"),
                p("""The crisis in maternity care is a crisis for women's health, and it
                falls hardest on the women already most at risk. Black women and women from
                the poorest areas are still far more likely to die in pregnancy or
                childbirth than others.

                It is also a crisis for a workforce that is overwhelmingly female, and that
                has been expected for too long to make up for shortages with goodwill and
                unpaid hours."""),
                h("What would help"),
                p("""Safe staffing levels with the force of law. Pay that keeps experienced
                midwives in the job. Bursaries to make training free again. And a culture
                in which staff who raise concerns are listened to, not punished. The health
                unions' pay campaigns are part of this fight, and women's organisations
                should back them."""),
            ],
        },
        {
            "slug": "1926-the-miners-long-lockout-ends",
            "title": "1926: the miners' long lockout ends",
            "standfirst": """A hundred years ago this month, the miners were forced back to
            work after seven months. Their defeat shaped the labour movement for a
            generation.""",
            "section": "history",
            "authors": ["declan-moorcroft", "gareth-pryce"],
            "tags": ["history", "miners", "General Strike", "1926"],
            "image": "miners-1926",
            "body": [
                p("""When the General Strike was called off in May 1926, after nine days, the
                miners were left to fight on alone. The coal owners had locked them out for
                refusing to accept longer hours and lower wages, and the miners' slogan,
                "Not a penny off the pay, not a minute on the day", summed up their
                position.

                They held out through the summer and into the autumn. By November, hunger
                had done what the owners and the government could not. District by district,
                the miners drifted back to work on the owners' terms."""),
                h("Seven months"),
                p("""The lockout was one of the longest and most bitter disputes in British
                history. Mining families lived on soup kitchens, on small strike payments
                and on the help of neighbours. Women organised much of the relief,
                collecting money and food and running communal kitchens in chapels and
                miners' institutes.

                In some areas, miners and their families clashed with police escorting
                strikebreakers. In others, the owners used the threat of eviction from
                company houses to force men back."""),
                img(
                    "miners-1926",
                    "Mining families marching during the lockout.",
                    "Solidarity archive",
                ),
                quote(
                    """Not a penny off the pay, not a minute on the day.""",
                    "Miners' slogan, 1926",
                ),
                h("Betrayed"),
                p("""Many miners blamed the leaders of the Trades Union Congress, who had
                called off the General Strike without winning any guarantees. There was
                justice in that. The TUC leaders had never wanted a general strike, feared
                where it might lead, and were relieved to end it.

                But the defeat also showed the limits of a strike run from the top. In many
                towns, local councils of action had organised transport, food and
                information during the General Strike. They were the beginnings of workers'
                power. They were never linked up or given the chance to develop."""),
                h("The long shadow"),
                p("""The years that followed were bleak. Wages fell, victimised activists
                were blacklisted, and union membership collapsed. The law was changed to
                ban sympathy strikes. It was a generation before the labour movement fully
                recovered.

                Gareth's grandfather went back to the pit in the last week of November 1926.
                He never talked about it much. But he never crossed a picket line for the
                rest of his life, and he made sure his sons did not either. The miners lost
                in 1926; what they handed down was not lost."""),
                notes(
                    "The Trade Disputes and Trade Unions Act 1927 banned sympathetic strikes; "
                    "it was repealed in 1946.",
                ),
            ],
        },
        {
            "slug": "night-shift-a-hospital-drama-that-gets-strikes-right",
            "title": "Night Shift: a hospital drama that gets strikes right",
            "standfirst": """A new television drama about a hospital strike avoids the usual
            clichés, and is gripping too.""",
            "section": "reviews",
            "authors": ["hannah-strachan"],
            "tags": ["television", "reviews", "NHS"],
            "image": "night-shift",
            "body": [
                p("""Television usually gets strikes wrong. Strikers are either saints or
                thugs, union officials are either heroes or villains, and the dispute is
                settled in a single dramatic speech. *Night Shift*, a new six-part drama
                on television and streaming, is refreshingly different.

                Set in a fictional hospital in the north of England, it follows a group of
                night-shift workers, a nurse, a porter, a cleaner and a junior doctor, over
                the weeks before and during a strike. The writers clearly spent time with
                health workers, and it shows."""),
                h("The details"),
                p("""The drama is full of things that ring true: the argument about whether
                to strike while a colleague is off sick, the manager who is privately
                sympathetic but publicly hostile, the exhausting business of keeping a
                picket line going at six in the morning. The cleaner, employed by a
                contractor, has to fight to be included in the dispute at all.

                The acting is excellent throughout, especially from the actor playing the
                porter, whose dry running commentary on hospital management steals every
                scene he is in."""),
                quote(
                    """The cleaner, employed by a contractor, has to fight to be included in
                    the dispute at all."""
                ),
                h("Not perfect"),
                p("""The series has flaws. A subplot about an affair between two doctors
                feels as if it has wandered in from a different programme, and the final
                episode ties things up a little too neatly.

                But these are small complaints. *Night Shift* treats its working-class
                characters as people with ideas and arguments, not just problems, and it
                takes collective action seriously. Watch it, and then talk about it with
                your workmates.

                Health workers I know who have watched it have mostly had the same reaction:
                a laugh of recognition, then a more serious conversation about whether their
                own workplace could do what the characters do. For a television drama, that
                is about as high a compliment as there is."""),
            ],
        },
        {
            "slug": "rent-strikes-spread-in-student-halls",
            "title": "Rent strikes spread in student halls",
            "standfirst": """Students in private and university halls are withholding rent
            over costs that take most of their loans.""",
            "section": "students",
            "authors": ["ife-adeyemi"],
            "tags": ["students", "housing", "rent strikes"],
            "image": "campus-demo",
            "body": [
                p("""Students in halls of residence at several universities are now
                withholding rent, in the biggest wave of rent strikes since the pandemic.
                The strikes began in September at two universities where rents had risen by
                more than ten per cent for a second year running, and have spread since.

                For many students, rent now swallows most or all of their maintenance loan.
                Many are working long hours in bars, warehouses and shops to cover the rest,
                and falling behind with their studies as a result."""),
                h("How it works"),
                p("""Rent strikers pay their rent into a separate account rather than to the
                landlord, and hold it back until their demands are met. The demands vary from
                place to place, but usually include a rent cut, a freeze for next year and
                action on repairs. Mould, broken heating and lifts out of action are common
                complaints.

                At universities that own their halls, strikes have already won rent
                rebates. Private halls, owned by investment funds, have so far been harder
                to move."""),
                quote(
                    """We're told education is an investment in our future. Somebody else is
                    getting the return.""",
                    "A rent striker in Bristol",
                ),
                h("Beyond halls"),
                p("""Student housing is part of a wider housing crisis, and the student
                movement should link up with tenants' unions fighting the same landlords and
                the same rising rents. It should also be demanding that universities build
                and run affordable housing themselves, and that the government restores
                maintenance grants. Education should be free, and so should the right to a
                decent home while you study.

                Rent strikes are not risk-free. Landlords have threatened students with
                debt collectors and with being barred from graduating. The best protection
                is numbers: a strike that involves a whole block, with the backing of the
                students' union and the campus trade unions, is much harder to break than a
                handful of individuals. Students thinking of organising should talk to those
                who have done it before; the networks that grew out of earlier rent strikes
                are still there to help."""),
            ],
        },
        {
            "slug": "letter-the-political-fund-isnt-worth-defending",
            "title": "Letter: the political fund isn't worth defending",
            "standfirst": """A reply to Gareth Pryce's letter in *Solidarity* 736.""",
            "section": "letters",
            "authors": ["lena-marsh"],
            "tags": ["Labour", "trade unions", "letters"],
            "image": None,
            "body": [
                p("""Gareth Pryce (*Solidarity* 736) argues that unions should stay affiliated
                to Labour and fight to make the link count. I respect his experience, but I
                think he is wrong.

                In my union we have been told for years that the link gives us influence.
                Where is it? Care workers are still on poverty pay, the promised reforms to
                employment law have been watered down, and councils are still cutting
                services. Our money has bought us a seat at a table where nobody listens."""),
                p("""Gareth says that if we leave, Labour will depend more on rich donors. It
                already does. Our affiliation fees have not stopped that. Meanwhile, the
                money we send could be used for organising, for strike funds, or for
                backing candidates who actually support our policies.

                I am not against political action. I am against handing over money with
                nothing in return. If the union link is to mean anything, our branches
                should decide where the money goes, and we should stop funding people who
                vote against us."""),
                p("""Maybe Gareth and I agree more than it seems. If the fight he describes
                could really be won, I would be for it. But I have not seen it won in my
                lifetime, and I do not want to wait another twenty years to find out. I would
                welcome other readers' views."""),
                quote(
                    """Our money has bought us a seat at a table where nobody listens.""",
                ),
                p("""Whatever we decide about the money, the bigger question is how working
                people get a political voice of their own. That is a discussion every union
                branch should be having, and I hope *Solidarity* will keep giving it space.
                Care workers like me are tired of being thanked on the news and forgotten in
                the Budget.

                If the editors would allow it, perhaps Gareth and I could set out our cases
                side by side at a branch meeting or a public debate. I suspect plenty of
                people would come."""),
            ],
        },
        {
            "slug": "budget-day-protests-near-you",
            "title": "Budget day: protests and meetings near you",
            "standfirst": """Where to join the protests on the day of the Budget, and the
            meetings to discuss what comes next. Updated as we hear of more.""",
            "section": "our-movement",
            "authors": ["editorial-board"],
            "tags": ["budget", "protests"],
            "image": "meeting",
            "web_only": True,
            "days_after": 1,
            "body": [
                p("""Trades councils, union branches and campaign groups have called
                protests in many towns and cities on the day of the Budget. Workers' Liberty
                members will be at all of the events below with copies of *Solidarity*.
                This list is updated as we hear of more; send details to the office email
                address."""),
                h("Protests"),
                p("""- London: outside the Treasury, 12 noon, and a rally in the evening.
                - Manchester: Piccadilly Gardens, 5.30pm.
                - Leeds: City Square, 5pm.
                - Bristol: the Fountains, 5.30pm.
                - Glasgow: George Square, 5pm.
                - Cardiff: outside the Senedd offices in the city centre, 5pm.
                - Sheffield: Town Hall steps, 5.30pm."""),
                h("After the Budget"),
                p("""Protests on the day are only a start. In the week that follows,
                Workers' Liberty branches are holding open meetings on how the labour
                movement can fight back: by linking up the disputes in health, education,
                local government and transport, by pressing the unions to coordinate their
                action, and by building the demand for a wealth tax in every union and
                Labour Party branch.

                Everyone is welcome at these meetings, whether or not you agree with us. Bring
                your arguments, and bring a workmate. Details of local meetings are on our
                events page, or ask a seller.

                If there is no protest planned where you live, think about calling one. A
                handful of people with a banner outside a town hall or a jobcentre, with a
                few leaflets and copies of the paper, can start conversations that lead
                somewhere. Tell us, and we will add it to the list."""),
                box(
                    "Can you help?",
                    """We need people to leaflet workplaces and stations in the days before
                    the Budget. If you can spare an hour, get in touch with the office and we
                    will put you in touch with your nearest group.

                    We also need photographs and short reports from the protests for our
                    website and next week's paper. Send them in on the day if you can.""",
                ),
            ],
        },
        {
            "slug": "sellers-notes",
            "title": "Sellers' notes",
            "standfirst": """For everyone who sells *Solidarity*: this week's bundles,
            deadlines and a few suggestions.""",
            "section": "our-movement",
            "authors": ["editorial-board"],
            "tags": ["sellers"],
            "image": None,
            "print_only": True,
            "body": [
                p("""Thank you to everyone who sold the paper on picket lines last week. The
                rail guards' strike days and the health workers' rallies were our best sales
                for months, and several readers have since asked for a regular copy. If you
                took details, pass them to your branch organiser so that nobody is missed.

                This week's issue should be an easy sell at any workplace where the Budget is
                being talked about, which is most of them. Lead with the front page and the
                editorial, and have the Tube and teachers' articles ready for people in those
                industries."""),
                h("Bundles and deadlines"),
                p("""- Bundles for next week must be ordered by Friday at noon.
                - Collection points are unchanged, except in Leeds, where bundles will be at
                the trades club until further notice.
                - The print edition can be downloaded from the sellers' portal from Tuesday
                evening.
                - Money from sales should be sent to the office by the end of the month."""),
                h("A suggestion"),
                p("""Try selling at the start of a shift rather than the end, when people are
                less tired and more willing to stop. And do not only sell: ask people what
                they think of last week's paper, and whether they would write something for
                the next one. Some of our best reports have come from readers who were asked
                that question.

                Finally, our fighting fund stands at just under half of this year's target.
                If every seller raised ten pounds from their regular readers this month, we
                would be most of the way there. Regular readers are usually glad to be asked;
                most simply have not thought about how a paper with no advertisers pays its
                printer's bills.

                Please also let us know about any bundles going unsold, so that we can cut
                print numbers where they are too high and move copies to where they are
                needed."""),
            ],
        },
    ],
}
