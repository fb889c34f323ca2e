"""Solidarity 736, 4 November 2026. All text written for the demo; all names invented."""

import datetime

from .markup import box, h, img, notes, p, quote

ISSUE = {
    "number": 736,
    "date": datetime.date(2026, 11, 4),
    "cover_headline": "Rail guards: spread the action!",
    "cover_image": "rail-picket",
    "editorial_note": """Public ownership of the railways was meant to end the era of
    cost-cutting. This week's rail strike shows it has not. Also in this issue: the campus
    redundancy wave, Ukraine's unions, and the Chartists' Newport rising, 187 years ago
    today.""",
    "articles": [
        {
            "slug": "guards-escalate-fight-over-staffing-and-pay",
            "title": "Guards escalate fight over staffing and pay",
            "standfirst": """Public ownership was supposed to end the cuts. Instead, the new
            management wants to take guards off trains and hold down wages.""",
            "section": "industrial",
            "authors": ["ruth-calloway"],
            "tags": ["rail", "strikes", "RMT", "nationalisation"],
            "image": "rail-picket",
            "body": [
                p("""Guards and on-board staff across the Midlands network will strike on 12
                and 13 November, and refuse overtime and rest-day working for four weeks from
                the 14th, after talks with the publicly owned operator broke down last week.

                In the ballot that closed on 28 October, 86% voted for strikes on a 72%
                turnout. Among guards at the biggest depots the yes vote was over 90%. That is
                a clear answer to management's claim that the dispute is being stirred up by
                a handful of reps."""),
                h("Two issues, one fight"),
                p("""The dispute has two strands. The first is pay. The company has offered
                3.1% for this year, with strings attached: changes to rostering that would
                stretch the working week and cut the notice staff get of their shifts. With
                rents and food prices still climbing, that is a real-terms cut, and everyone
                on the trains knows it.

                The second strand matters even more in the long run. Management wants to
                extend driver-only operation to three more routes from next spring. The
                guard would be replaced on those services by a "customer host" who could be
                taken off the train whenever staffing is short, and who would have no
                safety-critical role at all.

                Disabled passengers' groups have already come out against the plans.
                Unstaffed trains mean fewer places where someone can board without booking a
                day in advance, and more late-night journeys where nobody in uniform is on
                board. Women's safety campaigners have made the same point."""),
                quote(
                    """We are not the extra cost on this railway. We're the person who
                    gets a passenger in a wheelchair off the train, who deals with the fight
                    in coach three, who walks the track when the train fails.""",
                    "A guard at the Tyseley picket line",
                ),
                img(
                    "rail-train",
                    "Management wants three more routes run without a guard from next spring.",
                    "Solidarity",
                ),
                h("Same managers, new logo"),
                p("""When the operator came into public ownership last year, the signs
                changed and the uniforms got a new badge. The directors did not change, and
                neither did their plans. The business case for driver-only operation was
                written under the old private contract. It has simply been dusted off.

                Union officials have been cautious, arguing that a Labour government should
                be given time. But the members have run out of patience, and they are right.
                Nationalisation that keeps the same bosses and the same cost-cutting targets
                is not what rail workers campaigned for. Public ownership should mean more
                staff, better pay and a real say for workers and passengers over how the
                railway is run.

                There is a wider lesson here. Ministers like to present public ownership as
                a neutral, technical change that will make the railway "more efficient".
                Efficiency, in the mouths of the people who run the industry, has always
                meant fewer staff doing more work. If workers do not set out their own idea
                of what a public railway should be, management will fill the gap with
                theirs."""),
                box(
                    "The dispute in brief",
                    """- Ballot result: 86% yes on a 72% turnout.
                    - Strikes on 12 and 13 November; overtime ban from 14 November.
                    - Pay offer: 3.1%, tied to rostering changes.
                    - Plan: driver-only operation on three more routes from spring 2027.""",
                ),
                h("Spreading the action"),
                p("""Guards on two other nationalised operators face similar plans, and their
                ballots close later this month. Coordinating strike dates across operators
                would double the pressure, and would show the government that this is a
                national question, not a local quarrel.

                Rail workers can help by sending messages of support, visiting the picket
                lines and arguing in their own branches for coordinated action. Passengers
                can help too: the strike is a fight for a safer, properly staffed railway,
                and that is in everyone's interest."""),
            ],
        },
        {
            "slug": "public-ownership-means-workers-control",
            "title": "Public ownership must mean workers' control",
            "standfirst": """Taking the railways back was a victory. But a nationalised
            industry run by the same managers, to the same targets, will not serve workers
            or passengers.""",
            "section": "editorial",
            "authors": ["editorial-board"],
            "tags": ["rail", "nationalisation", "Labour"],
            "image": "rail-train",
            "body": [
                p("""For thirty years the labour movement argued that the railways should be
                taken back from the private operators. This government has started to do it,
                contract by contract, and that is a real gain. Money that went out as
                dividends can now stay in the industry.

                But the guards' dispute in the Midlands shows the limits of what has been
                done. The same managers sit in the same offices, working to business plans
                drawn up under private ownership. The Treasury still sets the budget, and
                the Treasury still wants the railway to cost less every year. The first big
                decision of the newly nationalised operator is to take guards off trains."""),
                h("Not what we fought for"),
                p("""Nationalisation is a change in who owns an industry. By itself, it does
                not change who runs it or in whose interest. The old nationalised industries
                of the post-war years were run by boards of businessmen and retired civil
                servants. Workers had no more say over their jobs than they had under private
                owners, and when governments wanted cuts, the boards delivered them.

                The labour movement should demand something better this time: an industry
                run under the control of its workers, with passengers and communities
                represented too, its books open to inspection, and its managers accountable
                to elected committees rather than to ministers alone."""),
                quote(
                    """Nationalisation changes who owns an industry. By itself it does not
                    change who runs it, or in whose interest."""
                ),
                h("What the unions should say"),
                p("""The rail unions backed public ownership and were right to do so. Now
                they need to spell out what it must mean in practice: no cuts to safety
                staff, pay that keeps up with prices, and elected workers' representatives
                with real powers on the boards of every operator and of the new national
                body.

                Above all, they should not accept that a Labour government must be spared a
                fight. The guards voting to strike are not the enemies of public ownership.
                They are its best defenders, and the whole movement should back them."""),
            ],
        },
        {
            "slug": "bin-workers-wont-be-broken-by-agency-crews",
            "title": "Bin workers: agency crews won't break us",
            "standfirst": """Refuse workers on strike over a regrading that would cut their
            pay say the council's use of agency staff is turning residents against the
            management, not the union.""",
            "section": "industrial",
            "authors": ["sam-okafor-reid"],
            "tags": ["strikes", "local government", "Unite"],
            "image": "bins-picket",
            "body": [
                p("""Refuse collectors at the council's Harrow Lane depot are in the seventh
                week of an all-out strike against a "job evaluation" that would take the
                loaders' grade out of the pay structure altogether. For the workers affected,
                that means losing up to £2,800 a year.

                The council, which pleads poverty, has found the money to bring in agency
                crews from outside the area. They are driving unfamiliar routes with
                borrowed vehicles, and it shows: missed streets, overflowing bins at the
                flats, and complaint lines jammed."""),
                quote(
                    """They say they can't afford us. They can afford agency rates and a
                    consultant to tell them we're not skilled.""",
                    "A loader on the picket line",
                ),
                h("Residents on side"),
                p("""Strikers expected a backlash from residents. What they have found,
                mostly, is the opposite. Tenants' associations on two of the big estates have
                invited strikers to their meetings, and a local petition calling on the
                council to settle has passed four thousand signatures.

                People can see that the loaders do a hard job, in all weather, starting
                before dawn, and that taking money off them will not make the streets
                cleaner. The agency workers are being paid more per hour than the strikers
                were, which has not escaped anyone's notice."""),
                h("What next"),
                p("""The union has asked the council for talks without preconditions, and has
                written to every councillor in the ruling group asking them to say in public
                whether they support the regrading. Several have already said privately that
                they do not.

                The strike fund is holding up, thanks to donations from other branches. But
                a long dispute needs more than money. Other council workers, many of whom
                face the same job evaluation next year, should be talking now about joining
                the fight rather than waiting their turn. Donations and messages can be sent
                through the branch; pickets are at the depot gates from 5.30 every
                morning."""),
            ],
        },
        {
            "slug": "campus-job-cuts-fight-together",
            "title": "Campus job cuts: staff and students must fight together",
            "standfirst": """Universities across the country are announcing redundancies.
            Students have every reason to stand alongside the staff facing the sack.""",
            "section": "students",
            "authors": ["joel-abernethy", "ife-adeyemi"],
            "tags": ["universities", "UCU", "students", "cuts"],
            "image": "campus-demo",
            "body": [
                p("""By the union's count, more than ninety universities have now announced
                redundancy programmes, and the number of jobs at risk this academic year is
                well into five figures. Whole departments are being closed: languages,
                music, history, nursing, even some sciences.

                Vice-chancellors blame the funding system, and they have a point. Tuition
                fees have barely risen in a decade while costs have climbed, and the
                government's curbs on international students have knocked a hole in
                budgets. But the same managements spent the good years on new buildings,
                consultants and their own salaries, and they are now making staff and
                students pay for their gambles."""),
                h("Why students should care"),
                p("""Every job lost means bigger seminar groups, longer waits for feedback,
                modules cancelled halfway through a degree, and support services stretched
                past breaking point. Postgraduates who teach on short contracts are usually
                the first to go, and they are also the students most likely to be working
                two jobs to pay the rent."""),
                img(
                    "campus-demo",
                    "Staff and students rally against compulsory redundancies.",
                    "Solidarity",
                ),
                p("""On several campuses, students have already shown what can be done.
                Occupations of management buildings, walkouts from lectures and packed open
                meetings have forced managers to take compulsory redundancies off the table,
                at least for now. Where the union branch and the students' union have worked
                together, the results have been far better than where staff fought
                alone."""),
                quote(
                    """The university isn't the vice-chancellor's office. It's the people
                    who teach, study and work here."""
                ),
                h("Beyond the campus"),
                p("""Local fights matter, but they will not solve the funding crisis. The
                lecturers' union needs a national strategy: coordinated action across
                institutions, not just one branch at a time, and a clear demand for free
                education funded by taxing the rich.

                Student activists should be arguing for that in their own unions, and
                organising solidarity with every branch that ballots. The Student Left
                Network is holding an open organising meeting on 21 November; all are
                welcome."""),
            ],
        },
        {
            "slug": "ukraine-unions-push-back-against-labour-reform",
            "title": "Ukraine's unions push back against labour 'reform'",
            "standfirst": """A new labour code would weaken workers' rights in a country
            whose workers are carrying the weight of the war. Ukrainian unions are asking
            for international support.""",
            "section": "international",
            "authors": ["nadia-ferrante"],
            "tags": ["Ukraine", "trade unions", "international solidarity"],
            "image": "city-smoke",
            "body": [
                p("""Ukraine's parliament is preparing to debate a new labour code, and the
                country's unions are alarmed. The draft, backed by the government and by
                employers' lobbies, would make it easier to hire on individual contracts
                outside collective agreements, loosen the rules on dismissal, and weaken the
                duty of employers to consult unions before changing working conditions.

                Supporters of the code call it modernisation, and say it is needed to
                attract investment for reconstruction. The unions answer that rebuilding the
                country on the backs of workers with fewer rights is no reconstruction at
                all."""),
                h("Wartime pressures"),
                p("""Much of this is not new. Under martial law, emergency measures already
                allow employers to suspend parts of collective agreements and to extend
                working hours. Unions accepted some of this as a wartime necessity. What they
                do not accept is making it permanent.

                Railway workers, miners and health workers have been among the loudest
                voices. Many of their members have been mobilised; others work under
                shelling, keeping trains, power stations and hospitals running. A young
                nurse from a hospital near the front line told a union meeting that she had
                not had a full day off in months, and that the new code would make that the
                normal state of things."""),
                quote(
                    """We are defending our country. We should not have to defend our rights
                    against our own government at the same time.""",
                    "A Ukrainian railway union activist",
                ),
                img(
                    "city-smoke",
                    "Reconstruction is being used to justify cutting workers' rights.",
                    "Solidarity",
                ),
                h("What solidarity means"),
                p("""Socialists in Britain have argued from the start of the full-scale
                invasion that Ukraine has the right to resist, and to get the arms it needs
                to do so. Supporting Ukraine's right to self-determination has never meant
                backing everything its government does. Ukrainian workers are fighting on
                two fronts, and they need allies on both.

                British unions can help in practical ways: by inviting Ukrainian trade
                unionists to speak, by raising money for union-run aid convoys, and by
                pressing the government to make any reconstruction funding conditional on
                respect for union rights."""),
                box(
                    "What you can do",
                    """Pass a motion in your union branch supporting Ukrainian unions against
                    the labour code, and send a copy to the Ukraine Solidarity Campaign.

                    Invite a speaker from a Ukrainian union to your branch or trades council.
                    Online meetings make this easy.""",
                ),
                notes(
                    "The draft code was published for consultation in the summer; the "
                    "figures quoted here come from the unions' own summary.",
                    "Quotations are from a joint online meeting of Ukrainian and British "
                    "trade unionists held in October.",
                ),
            ],
        },
        {
            "slug": "decriminalisation-was-a-victory-now-win-access",
            "title": "Decriminalisation was a victory. Now win access",
            "standfirst": """Women in England and Wales can no longer be prosecuted for ending
            their own pregnancies. But the right to abortion means little without services
            that people can actually reach.""",
            "section": "womens-fightback",
            "authors": ["hannah-strachan"],
            "tags": ["abortion", "women", "NHS"],
            "image": "abortion-rally",
            "body": [
                p("""Last year's vote to take abortion out of the criminal law for women
                themselves was the biggest change to abortion law in England and Wales since
                1967. It came after a run of cases in which women who had suffered late
                miscarriages or stillbirths were investigated by the police, some of them
                while still in hospital. Those investigations should never have happened, and
                campaigners were right to celebrate.

                But the celebrations should not hide how much is left to do. Abortion is
                still in the criminal law for everyone else involved, and still requires the
                signatures of two doctors. Above all, the services themselves are under
                strain."""),
                h("A postcode lottery"),
                p("""Waiting times have lengthened in many areas as providers struggle with
                staff shortages and contracts that have not kept pace with costs. Women in
                rural areas can face a round trip of several hours to reach a clinic for a
                later procedure. Telemedicine for early medical abortion has been a huge
                step forward, but it does not help those who need care later in pregnancy,
                often the most vulnerable women of all."""),
                quote(
                    """A right you can't reach in time is not much of a right.""",
                    "A clinic worker in the South West",
                ),
                h("Harassment at the gates"),
                p("""Buffer zones around clinics are now law, and in most places they have
                stopped the crowds with graphic placards who used to gather outside. But
                enforcement is patchy, and anti-abortion groups, many funded from across the
                Atlantic, have moved to new tactics: online campaigns, pressure on hospital
                trusts and well-funded "pregnancy crisis" centres that mislead women about
                their options."""),
                img(
                    "abortion-rally",
                    "Campaigners say the fight has moved from the law to the services.",
                    "Solidarity",
                ),
                h("What we demand"),
                p("""The labour movement should take up the full demand: abortion out of the
                criminal law altogether, free and on request, provided by a properly funded
                NHS rather than through contracts with charities. That means more trained
                staff, clinics within reach of everyone, and an end to the two-doctor rule.

                Health unions have a particular part to play. The workers who provide
                abortion care are the best placed to say what the service needs. Their
                voices should be at the centre of the campaign."""),
                notes(
                    "Abortion law in Northern Ireland and Scotland is different; this article "
                    "deals with England and Wales.",
                ),
            ],
        },
        {
            "slug": "newport-1839-when-the-chartists-rose",
            "title": "Newport 1839: when the Chartists rose",
            "standfirst": """187 years ago today, thousands of miners and ironworkers marched
            on Newport to demand the vote. The rising was crushed, but its demands were
            eventually won.""",
            "section": "history",
            "authors": ["declan-moorcroft"],
            "tags": ["history", "Chartism", "Wales"],
            "image": "chartists",
            "body": [
                p("""In the early hours of 4 November 1839, columns of men came down the
                valleys of south-east Wales towards Newport. Most were miners and
                ironworkers; many carried pikes, clubs or old muskets. They had marched
                through a night of pouring rain. By the time they reached the town, soldiers
                were waiting for them in the Westgate Hotel.

                The fighting lasted less than half an hour. Around twenty marchers were
                killed and dozens wounded. Within weeks the leaders had been arrested, tried
                for high treason, and sentenced to be hanged, drawn and quartered."""),
                h("The Charter"),
                p("""The Chartists took their name from the People's Charter, drawn up in
                1838. Its six points look modest now: a vote for every man over 21, a secret
                ballot, no property qualification for MPs, payment for MPs, constituencies of
                equal size, and annual elections. At the time they were revolutionary.
                Parliament was a club of landowners and merchants, and the working class had
                no voice in it at all.

                Millions signed the Chartist petitions. When Parliament rejected the first of
                them in the summer of 1839, the movement divided between those who wanted to
                keep petitioning and those who believed that only force, or the threat of it,
                would move the government."""),
                img(
                    "chartists",
                    "The Chartists' demands looked modest later. In 1839 they were seen as "
                    "revolutionary.",
                    "Solidarity archive",
                ),
                h("Why the valleys?"),
                p("""The iron and coal districts of Monmouthshire were among the most
                exploited places in Britain. Workers were often paid in tokens that could
                only be spent at the company shop, lived in company housing, and could be
                thrown out of both at the master's word. Chartism there was not an abstract
                demand for the vote. It was bound up with the fight against the whole system
                of power that ran their lives."""),
                quote(
                    """Chartism in the valleys was not an abstract demand for the vote. It
                    was a fight against the whole system of power that ran workers' lives."""
                ),
                h("Aftermath"),
                p("""Under pressure from a mass campaign, the death sentences were commuted to
                transportation to Australia. Chartism itself went on for another decade,
                reaching a peak with the general strike of 1842, before it faded.

                Yet five of the six points became law over the following eighty years.
                Working people won them not because Parliament grew kinder, but because
                the ruling class learned that it could not go on governing without making
                concessions. The people who marched on Newport in the rain helped teach it
                that lesson."""),
                notes(
                    "Accounts differ on the number killed at the Westgate; around twenty is "
                    "the usual estimate.",
                    "Annual parliaments, the sixth point, has never been adopted.",
                ),
            ],
        },
        {
            "slug": "tressells-house-painters-take-the-stage",
            "title": "Tressell's house painters take the stage again",
            "standfirst": """A new touring adaptation of *The Ragged-Trousered
            Philanthropists* proves the old novel still has plenty to say.""",
            "section": "reviews",
            "authors": ["maggie-thorburn"],
            "tags": ["theatre", "reviews", "books"],
            "image": "theatre",
            "body": [
                p("""Robert Tressell's novel about a gang of house painters in a seaside
                town has been passed from hand to hand in the labour movement for more than a
                century. It was published only after his death, cut about by its first
                editors, and never quite respectable. Plenty of socialists credit it with
                changing their lives.

                Turning it into theatre is not easy. The book is long, sprawling and
                frequently stops for its hero, Owen, to lecture his workmates about money,
                land and monopoly. A new production by a small touring company, now on its
                way round community halls and arts centres in the North, solves the problem
                with nerve and a lot of humour."""),
                h("Four actors, one ladder"),
                p("""Four actors play every part, switching from the bullying foreman to the
                timid apprentice with a change of cap. The set is little more than a ladder,
                a trestle table and a pile of dust sheets, but the company makes it work: a
                house is painted, a slum is inspected, a Christmas dinner is eaten, all in
                mime and song.

                The famous "Great Money Trick" scene, in which Owen uses slices of bread to
                show his workmates how the bosses take the fruits of their labour, is staged
                as a music-hall turn with the audience invited to play along. On the night I
                went, the hall was laughing and cheering in equal measure."""),
                quote(
                    """The Great Money Trick, staged as a music-hall turn, had the hall
                    laughing and cheering in equal measure."""
                ),
                h("Still relevant"),
                p("""What struck me most was how little needed updating. Insecure work,
                employers cutting corners on safety, workers blaming each other instead of
                the people who profit from them: none of it sounds old. The adaptation
                resists the temptation to add modern jokes, and is stronger for it.

                If it has a weakness, it is the ending, which rushes through the book's
                darker final chapters. But that is a small complaint about a production that
                sends its audience out arguing. Catch it if it comes near you, and take a
                workmate."""),
            ],
        },
        {
            "slug": "letter-dont-give-up-on-the-political-funds",
            "title": "Letter: don't give up on the unions' political funds",
            "standfirst": """A reader argues that unions should fight over how their
            political money is used, not simply stop spending it.""",
            "section": "letters",
            "authors": ["gareth-pryce"],
            "tags": ["Labour", "trade unions", "letters"],
            "image": None,
            "body": [
                p("""In my union branch there is a motion going round to stop paying into the
                Labour Party altogether. I understand the anger behind it. Many of us have
                watched a government we helped elect hold down public sector pay, drag its
                feet on workers' rights and talk more to business than to us.

                But I think the motion is wrong, and I would like to hear what other readers
                think. If the unions walk away, Labour will not become more friendly to
                workers. It will simply become even more dependent on rich donors. The union
                link is one of the few ways in which working people still have an organised
                say inside a party that can form a government."""),
                p("""The problem is not that the link exists but that it is so rarely used.
                Union delegations at conference too often vote for whatever the leadership
                wants, and our money is handed over with no conditions. We should be
                demanding that every penny comes with policies attached, and that our
                delegates are elected by, and answerable to, the members.

                That is a harder fight than simply disaffiliating. But it is the one that
                could actually change something. Walking away leaves the field to the very
                people we are angry with."""),
                p("""I would also say to the younger members pushing the motion: I have heard
                this argument before, in the 1980s and after, and every time the people who
                gained from our absence were the ones who wanted the unions out of politics
                altogether. Let's stay and fight."""),
                quote(
                    """Walking away leaves the field to the very people we are angry
                    with."""
                ),
                p("""One practical suggestion: every union branch could hold a meeting this
                winter to decide what it wants from the Labour Party, and send those demands
                to its delegates and its MP. If the answers that come back are not good
                enough, that is the moment to argue about the money, with the evidence in
                front of us."""),
            ],
        },
    ],
}
