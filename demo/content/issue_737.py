"""Solidarity 737, 11 November 2026, with a Workers' Liberty insert on climate.

All text written for the demo; all names invented.
"""

import datetime

from .markup import box, h, img, notes, p, quote

ISSUE = {
    "number": 737,
    "date": datetime.date(2026, 11, 11),
    "cover_headline": "NHS: link up the pay fights",
    "cover_image": "nhs-rally",
    "editorial_note": """Doctors, nurses and health support staff are all in dispute or
    balloting. This week we argue for one fight, not three. Inside: a four-page *Workers'
    Liberty* pull-out on the politics of climate change.""",
    "articles": [
        {
            "slug": "health-workers-link-up-the-pay-fights",
            "title": "Health workers: link up the pay fights",
            "standfirst": """Resident doctors are striking, nurses are balloting and
            support staff are angry. One coordinated campaign would be far stronger than
            three separate ones.""",
            "section": "industrial",
            "authors": ["priya-halden"],
            "tags": ["NHS", "strikes", "pay", "health"],
            "image": "nhs-rally",
            "body": [
                p("""Walk onto any ward this winter and you will find staff who are
                exhausted, short-handed and worse off than they were five years ago. This
                year's pay award, announced late and set below the rate of inflation for
                most grades, has pushed many of them from grumbling to action.

                Resident doctors struck for three days last month and have named dates in
                December. The nurses' union is running a statutory ballot that closes on 27
                November. Health support workers, porters, cleaners and healthcare
                assistants in the biggest health union are being consulted on whether to
                ballot too."""),
                h("Divided, we lose"),
                p("""Each union has its own timetable, its own demands and its own
                negotiators. The government has been happy to exploit that, offering the
                doctors a deal on training posts while telling nurses there is no more
                money, and ignoring the lowest paid altogether.

                Health workers on the ground know this is a mistake. On my own ward, the
                nurses, the healthcare assistants and the junior doctors all work the same
                shifts and cover the same gaps. We talk about pay in the same tea room. It
                makes no sense for us to be fighting on different days, for different
                things, against the same employer."""),
                quote(
                    """We work the same shifts and cover the same gaps. It makes no sense to
                    fight on different days against the same employer.""",
                ),
                img(
                    "nhs-picket",
                    "Resident doctors on the picket line last month.",
                    "Solidarity",
                ),
                h("What a joint campaign would look like"),
                p("""A coordinated campaign would mean common strike dates where ballots
                allow, joint picket lines and rallies, and a shared set of demands: a
                restorative pay rise for every grade, with a flat-rate element so that the
                lowest paid gain most; safe staffing levels written into law; and an end to
                the use of agencies to plug permanent gaps.

                It would also mean the unions talking to each other at every level, not only
                at the top. Workplace reps from different unions should be meeting now, in
                every hospital, to plan how to support each other's action. Where that
                already happens, it has made a difference.

                Health workers have been here before. In the last big wave of NHS strikes,
                nurses, ambulance staff and doctors all took action, but mostly on different
                days and with different demands. The government was able to settle with one
                group at a time, on terms that left most staff worse off than before the
                dispute began. Where ambulance workers and nurses in the same trust did
                coordinate their picket lines, managers found it much harder to cover the
                gaps, and the public saw one NHS workforce standing together."""),
                box(
                    "Key dates",
                    """- 27 November: nurses' ballot closes.
                    - 9 to 11 December: resident doctors' next strike dates.
                    - Early December: support staff consultation results.""",
                ),
                h("The money is there"),
                p("""Ministers say there is no money. That is a political choice. A modest
                tax on wealth above a few million pounds would raise billions a year; so
                would taxing income from shares at the same rate as income from work. The
                NHS could be funded properly. The question is whether the government will
                make the rich pay, or keep asking health workers to pay instead."""),
            ],
        },
        {
            "slug": "tax-the-rich-fund-the-nhs",
            "title": "Tax the rich, fund the NHS",
            "standfirst": """The government says every penny for public services must be
            found from cuts elsewhere. The wealth is there to be taxed.""",
            "section": "editorial",
            "authors": ["editorial-board"],
            "tags": ["NHS", "tax", "Labour", "budget"],
            "image": "budget-demo",
            "body": [
                p("""Every week brings another story of the NHS in crisis: ambulances queuing
                outside emergency departments, patients on trolleys in corridors, operations
                cancelled for lack of beds. And every week ministers repeat the same line.
                There is no money, they say, and any rise in spending must be matched by
                savings somewhere else.

                There is money. Britain's richest thousand families have seen their wealth
                grow year after year, through the pandemic and the cost of living crisis.
                Profits in energy, finance and property have been enormous. The problem is
                not that the country is poor. It is that the government refuses to touch
                the wealth of those at the top."""),
                h("A few simple measures"),
                p("""- Tax income from shares and property at the same rates as income from
                work.
                - An annual tax on wealth above a few million pounds.
                - Close the loopholes that let the biggest companies book their profits
                offshore.
                - Take the banks and the energy companies into public ownership, so their
                profits serve the public."""),
                quote(
                    """The country is not poor. The government simply refuses to touch the
                    wealth of those at the top."""
                ),
                h("Unions must lead"),
                p("""Labour won the last election promising change, but its leaders are
                terrified of being called a tax-and-spend party. They will not move unless
                they are pushed, and the only force that can push them is the labour
                movement.

                The health unions' pay disputes are part of that push. So are the campaigns
                against local hospital closures, the council strikes against cuts, and the
                growing demand for a wealth tax in union conferences. Joining those
                struggles together, and taking them into the Labour Party too, is the task
                of the coming months.

                The alternative is grim. Another winter of cuts will mean longer waits,
                more staff leaving and more patients harmed. It will also hand a gift to the
                populist right, which thrives whenever people feel that nobody in power is
                on their side. A labour movement that fights for the NHS, and wins, is the
                best answer to them."""),
            ],
        },
        {
            "slug": "iran-strikes-spread-despite-repression",
            "title": "Iran: strikes spread despite repression",
            "standfirst": """Truck drivers, oil contract workers and retired teachers have
            all taken action this autumn. They need solidarity from workers abroad.""",
            "section": "international",
            "authors": ["nadia-ferrante"],
            "tags": ["Iran", "strikes", "international solidarity"],
            "image": "iran-protest",
            "body": [
                p("""Iran's regime has responded to the country's economic crisis the way it
                always does: with arrests, threats and executions. Yet this autumn has seen
                one of the biggest waves of workplace protest for several years.

                Independent truck drivers in dozens of cities parked up for a week in
                October, protesting at fuel rationing and freight rates that no longer cover
                their costs. Contract workers in the oil and petrochemical industries have
                held rolling stoppages over unpaid wages and dangerous conditions. Retired
                teachers and nurses have gathered outside government offices every week to
                demand pensions that keep up with inflation, which is running at well over
                thirty per cent."""),
                h("No independent unions"),
                p("""None of this is easy. Independent unions are banned, and the few
                organisations that exist, such as the bus workers' union in Tehran, have
                seen their activists jailed again and again. Strike organisers are often
                picked up by the security services within days. Women workers face an extra
                layer of repression, from the enforcement of compulsory hijab at work to
                the lack of childcare.

                Workers have learned to organise informally: through messaging groups,
                networks of trusted workmates and coordinated action that has no obvious
                leaders to arrest."""),
                quote(
                    """They can arrest a leader. It is harder to arrest a whole shift.""",
                    "An Iranian labour activist in exile",
                ),
                img(
                    "iran-protest",
                    "Retired workers have protested every week over pensions.",
                    "Solidarity",
                ),
                h("How we can help"),
                p("""Solidarity from abroad matters. Jailed trade unionists have been
                released in the past after international campaigns made their cases too
                costly for the regime to ignore. British unions can adopt a jailed Iranian
                worker, raise their case with the government and send messages that can be
                shared inside the country.

                Solidarity also means taking sides politically. Iranian workers are fighting
                a regime that is no friend of the oppressed, whatever it says about Western
                imperialism. Their struggle for free unions, women's rights and democracy is
                our struggle too."""),
                notes(
                    "Inflation figures are from Iran's official statistics centre, which "
                    "many economists consider an underestimate.",
                ),
            ],
        },
        {
            "slug": "care-work-is-skilled-work",
            "title": "Care work is skilled work. Pay it like it",
            "standfirst": """A national negotiating body for social care could set the first
            sector-wide pay deal. Care workers, most of them women, must make sure it means
            real change.""",
            "section": "womens-fightback",
            "authors": ["lena-marsh", "hannah-strachan"],
            "tags": ["care", "women", "pay", "Unison"],
            "image": "care-protest",
            "body": [
                p("""Care workers wash, dress, feed and comfort the people society would
                rather not think about. We manage medication, spot the early signs of
                illness, and sit with people when they die. Most of us are women, many of us
                migrants, and most of us are paid only a little above the legal minimum.

                For the first time, there is now a chance of a national agreement on pay and
                conditions. A new negotiating body for adult social care in England brings
                unions and employers together, with the government looking on, to agree
                minimum terms for the whole sector."""),
                h("The devil in the detail"),
                p("""That could be a breakthrough, or a disappointment. Employers in the
                sector range from councils to charities to private equity chains that load
                their care homes with debt. The big chains will argue that they cannot
                afford more without more public money, and the government will say there is
                no more public money. Everyone will look for the cheapest deal that can be
                announced as progress.

                Care workers need to be clear about what we want: a starting rate well
                above the minimum wage, proper sick pay, paid travel time between home
                visits, and an end to zero-hours contracts."""),
                quote(
                    """I have done this job for eleven years. I earn thirty pence an hour more
                    than the new starter I trained last month.""",
                    "A home care worker in Bristol",
                ),
                h("Why it is a women's issue"),
                p("""Care is undervalued because it is seen as women's work, something women
                are supposed to do for love. That attitude keeps pay down in care homes and
                in home care, and it keeps millions of women, mostly, doing unpaid care for
                relatives on top of paid jobs.

                A socialist answer to the care crisis would bring social care into public
                ownership as part of a national care service, free at the point of use,
                with well-paid, well-trained staff. It would also free family carers from
                the burden they carry now."""),
                img(
                    "care-protest",
                    "Care workers lobbying for a decent starting rate.",
                    "Solidarity",
                ),
                h("Organise now"),
                p("""Union density in care is low, and employers count on that. Negotiating
                bodies are only as strong as the organisation behind them. Every care worker
                who joins a union and gets their workmates to join makes the final deal
                better. Women's Fightback will be holding an online meeting for care workers
                on 3 December."""),
            ],
        },
        {
            "slug": "couriers-wildcat-wins-back-pay",
            "title": "Couriers' wildcat wins back pay",
            "standfirst": """Delivery riders at a south London hub stopped work for two days
            and won back wages the company said it did not owe.""",
            "section": "industrial",
            "authors": ["tomasz-wierzbicki"],
            "tags": ["gig economy", "strikes", "couriers"],
            "image": "couriers",
            "body": [
                p("""Around seventy couriers working out of a delivery hub in south London
                logged off the app and gathered outside the hub on a Friday evening last
                month, after discovering that the company had quietly changed the way it
                calculated waiting time. Drivers who had been kept waiting for orders for up
                to forty minutes at a time were no longer being paid for it.

                By Sunday, the company had reversed the change and agreed to repay the money
                it had held back, which the couriers estimate came to more than £200 each
                over two months."""),
                h("Organising without a union recognition deal"),
                p("""The couriers are classed as self-employed, so the company does not
                recognise any union and the law offers them little protection. They
                organised through group chats in four languages, with a handful of
                experienced riders who had taken part in earlier protests acting as
                coordinators. Several are members of a grassroots couriers' union.

                Crucially, they stopped during the busiest period of the week, when
                restaurants were full of orders and the company could not find replacement
                riders quickly enough."""),
                quote(
                    """The app tells you you're your own boss. Try being your own boss when
                    they change the pay overnight and don't tell you.""",
                    "A courier at the hub",
                ),
                h("Employment status"),
                p("""The dispute shows again how the gig economy model leaves workers
                exposed. The government promised to create a single status of "worker" for
                everyone except the genuinely self-employed, but has so far only consulted
                on it. Unions should be pressing for that promise to be kept in full, so
                that couriers get the minimum wage, holiday pay and the right to organise.

                In the meantime, the lesson of this strike is that even workers with few
                legal rights can win when they act together at the right moment. Several of
                the riders involved say they now want to build something more permanent: a
                network across the different hubs in London, so that the next time the
                company moves the goalposts, the response is wider and faster."""),
            ],
        },
        {
            "slug": "when-the-soldiers-went-on-strike",
            "title": "1919: when the soldiers went on strike",
            "standfirst": """In the months after the Armistice, tens of thousands of British
            soldiers refused orders and demanded to be sent home.""",
            "section": "history",
            "authors": ["declan-moorcroft"],
            "tags": ["history", "First World War", "mutiny"],
            "image": "soldiers-1919",
            "body": [
                p("""Remembrance Sunday is presented as a day of national unity. It is rarely
                mentioned that, in the months after the guns fell silent in November 1918,
                the British Army was shaken by a wave of protests, strikes and mutinies.

                The war was over, but millions of men were still in uniform. The government
                planned to release them slowly, giving priority to those whose skills
                employers wanted, who were often the last to have been called up. Soldiers
                who had been at the front for years were told they would have to wait."""),
                h("Folkestone and Calais"),
                p("""In January 1919, around ten thousand soldiers at Folkestone refused to
                board the boats back to France. They marched through the town, held mass
                meetings and elected delegates. Within days, similar protests had broken out
                at camps across southern England and in London, where lorry-loads of
                soldiers drove to Whitehall to make their case in person.

                In Calais, thousands of soldiers working in the army's depots and workshops
                went further. They set up a soldiers' and sailors' union, elected committees
                and for a time ran parts of the base themselves."""),
                img(
                    "soldiers-1919",
                    "Soldiers demanding demobilisation in early 1919.",
                    "Solidarity archive",
                ),
                quote(
                    """The war was over, but millions of men were still in uniform, and they
                    had had enough."""
                ),
                h("A frightened government"),
                p("""The authorities were badly shaken. These were the months after the
                Russian Revolution, when soldiers' councils had helped to bring down
                governments across Europe. Ministers responded with a mixture of
                concessions and force. Demobilisation was speeded up and made fairer, while
                the leaders of the Calais protest were quietly dispersed and punished.

                The soldiers' protests were part of a wider wave of unrest that year,
                including strikes by engineers on the Clyde, by police and by railway
                workers. For a few months, the ruling class feared it was losing
                control."""),
                h("Remembering honestly"),
                p("""Remembering the dead of the First World War should include remembering
                how the men who survived it were treated, and how they fought back. Their
                story is not told at the Cenotaph. It deserves to be."""),
            ],
        },
        {
            "slug": "inside-the-warehouse-economy",
            "title": "Inside the warehouse economy",
            "standfirst": """A new book follows the workers who pick, pack and deliver the
            things we order online, and finds a system run on exhaustion.""",
            "section": "reviews",
            "authors": ["maggie-thorburn"],
            "tags": ["books", "reviews", "logistics"],
            "image": "books",
            "body": [
                p("""*The Logistics of Misery* by Corinne Vale (Ropewalk Press, £14.99) began
                as a series of magazine articles and has grown into one of the best books I
                have read about work in modern Britain. Vale spent a year working in
                warehouses in the Midlands, driving a delivery van and sitting in on
                meetings of workers trying to organise, and she writes about all of it with
                a sharp eye and no self-pity."""),
                h("The scanner is the boss"),
                p("""The heart of the book is its account of how work is managed by
                machines. Pickers carry handheld scanners that tell them where to go next,
                count every second they spend and report those who fall behind. Drivers'
                routes are planned by software that takes no account of traffic, weather or
                the need to stop for a toilet. Managers, in Vale's account, are often as
                powerless in front of the targets as the workers they supervise.

                She is good, too, on the human cost: the injuries from repetitive work, the
                young workers who quit after a few weeks, and the older ones who cannot
                afford to."""),
                quote(
                    """Managers, in Vale's account, are often as powerless in front of the
                    targets as the workers they supervise."""
                ),
                h("Organising"),
                p("""The final third of the book follows a group of workers at one
                warehouse as they try to win union recognition. It does not have a happy
                ending, at least not yet. But Vale shows how small victories, a broken
                heating system fixed, a sacked worker reinstated, build confidence, and how
                the company's fear of organisation shapes everything it does.

                If the book has a weakness, it is that Vale says little about what a
                different system might look like. Logistics is not going away; the question
                is who controls it and for what. But that is a discussion this excellent
                book will help the labour movement to have."""),
            ],
        },
        {
            "slug": "letter-dont-forget-the-outsourced-workers",
            "title": "Letter: don't forget the outsourced workers",
            "standfirst": """A reader responds to last week's article on university job
            cuts.""",
            "section": "letters",
            "authors": ["aisling-doyle"],
            "tags": ["universities", "outsourcing", "letters"],
            "image": None,
            "body": [
                p("""Last week's article on job cuts in universities (*Solidarity* 736) was
                right to call for staff and students to fight together. But it left out a
                whole group of workers who are often hit first and hardest: the cleaners,
                security guards, caterers and porters employed by outsourcing companies.

                On my own campus, the cleaning contract was re-tendered this summer. The new
                contractor cut hours across the board, and several of the cleaners, most of
                them migrant women, lost their jobs altogether. Almost nobody noticed. They
                do not appear in the university's redundancy figures because, on paper, they
                do not work for the university at all."""),
                p("""Several universities have brought cleaners and security staff back
                in-house after campaigns by the workers themselves, often organised through
                small independent unions and supported by students. That shows what can be
                done. Those campaigns won sick pay, pensions and the same terms as other
                staff.

                Any campaign against cuts in higher education should include a demand to end
                outsourcing, and should involve the outsourced workers themselves from the
                start. Students' unions could help by refusing to treat cleaners as
                invisible. The lecturers' union could help by making their cause part of
                every dispute, not an afterthought."""),
                p("""We are all part of the same university. The people who empty the bins
                and lock up at night should be at the meetings, on the platforms and in the
                demands."""),
                quote(
                    """They do not appear in the redundancy figures because, on paper, they
                    do not work for the university at all."""
                ),
                p("""I would add one more thing. Outsourced workers are often afraid to
                speak up, because their contracts are insecure and their employer can move
                them to another site at a day's notice. Students and directly employed
                staff can help by raising their concerns for them, and by making it clear
                to managers that victimising anyone who organises will not be tolerated."""),
            ],
        },
    ],
    "insert": {
        "position": 5,
        "slug": "climate-and-class",
        "title": "Workers' Liberty 74: Climate and class",
        "theme": "The politics of climate change",
        "series_number": 74,
        "cover_image": "turbines",
        "introduction": """The climate crisis is a class question. The people who did least
        to cause it are hit hardest, and the workers whose jobs depend on fossil fuels are
        told to choose between their livelihoods and the planet. This pull-out argues that a
        just transition will not be granted by governments or markets. It will be won by
        workers organising, in the energy industries and beyond.""",
        "articles": [
            {
                "slug": "why-the-market-wont-save-the-climate",
                "title": "Why the market won't save the climate",
                "standfirst": """Carbon prices and green investment have been tried for
                thirty years. Emissions are still far too high. The problem is the system
                itself.""",
                "section": "environment",
                "authors": ["sam-okafor-reid"],
                "tags": ["climate", "environment", "capitalism"],
                "image": "turbines",
                "body": [
                    p("""For three decades, governments have told us that the climate crisis
                    can be solved by markets with a little help. Put a price on carbon, offer
                    subsidies for renewables, let companies trade permits to pollute, and
                    competition will do the rest.

                    Some of this has worked, up to a point. Solar panels and wind turbines
                    are now cheaper than coal in most of the world. But global emissions are
                    still close to record levels, and every year of delay makes the cuts
                    needed later steeper and more painful."""),
                    h("Profit first"),
                    p("""The reason is simple. Under capitalism, investment goes where it
                    makes the most profit, not where it does the most good. Oil and gas
                    companies are still making enormous returns, so they keep drilling. Banks
                    keep lending to them. Governments, worried about energy prices and
                    votes, keep licensing new fields.

                    Meanwhile the things that would make the biggest difference, such as
                    insulating millions of homes, building public transport or redesigning
                    cities, do not make easy profits. So they are left undone, or done
                    slowly and badly by contractors cutting corners."""),
                    quote(
                        """Investment goes where it makes the most profit, not where it does
                        the most good."""
                    ),
                    img(
                        "turbines",
                        "Renewables are now cheap. The obstacle is who controls investment.",
                        "Solidarity",
                    ),
                    h("Planning, democratically"),
                    p("""What the climate crisis needs is planning on a scale capitalism
                    cannot manage: deciding what to produce, how, and where, according to
                    human need and the limits of the planet. That means taking the energy
                    companies, the big polluters and the banks into public ownership.

                    But planning by whom? The Stalinist states planned, and left behind some
                    of the worst environmental disasters in history, because their rulers
                    answered to no one. A socialist plan would be drawn up democratically, by
                    workers and communities who know their industries and their areas, with
                    the information open to all."""),
                    h("Where to start"),
                    p("""None of this will happen overnight. But the labour movement can
                    start by demanding public ownership of energy, a mass programme of home
                    insulation and public transport, and a guarantee of decent jobs for every
                    worker affected. Those demands link the fight for the climate with the
                    fight for working-class living standards."""),
                ],
            },
            {
                "slug": "a-just-transition-has-to-be-won",
                "title": "A just transition has to be won",
                "standfirst": """Workers in oil, gas, steel and cars have heard promises of
                green jobs before. They are right to be sceptical, and right to organise.""",
                "section": "environment",
                "authors": ["sam-okafor-reid", "gareth-pryce"],
                "tags": ["climate", "jobs", "just transition", "steel"],
                "image": "shipyard",
                "body": [
                    p("""When the blast furnaces closed in Port Talbot in 2024, workers were
                    told the town had a green future. Electric arc furnaces would keep steel
                    production going; new industries would follow. For the thousands who lost
                    their jobs, and the many more in the supply chain, that future has been a
                    long time coming.

                    That experience is why so many workers in carbon-heavy industries
                    distrust talk of a "just transition". Too often it has meant a
                    transition to insecure work, lower pay or the dole, with the justice
                    left out."""),
                    h("What workers need"),
                    p("""A transition worth the name would guarantee every worker affected a
                    job on equal pay and conditions, with retraining paid for by the
                    employer or the state, and with the union coming along too. It would
                    plan new industries in the places that lose the old ones, not hundreds
                    of miles away.

                    Offshore workers, for example, have skills that the wind industry needs.
                    But many who have tried to move have found that they must pay for their
                    own safety certificates, and that the jobs on offer are on worse terms
                    and without union recognition."""),
                    quote(
                        """Offshore workers have the skills the wind industry needs. What
                        they do not have is a guarantee of equal terms.""",
                    ),
                    box(
                        "A workers' transition plan",
                        """- A guaranteed job on equal terms for every worker affected.
                        - Free retraining, paid for by the employers and the state.
                        - Union recognition across the renewables industry.
                        - New investment in the places that lose old industries.
                        - Public ownership of energy to make it happen.""",
                    ),
                    h("Unions as drivers, not passengers"),
                    p("""Some union leaders have responded to climate policy by defending
                    fossil fuel jobs at all costs. That is understandable but mistaken: the
                    jobs will go anyway, on the bosses' terms, if workers do not fight to
                    shape what replaces them. Other unions have signed up to green
                    partnerships with employers that deliver little.

                    The better way is for workers to draw up their own plans, as some did in
                    the past, and to fight for them. Rank-and-file climate groups in several
                    unions are trying to do just that."""),
                ],
            },
            {
                "slug": "vestas-2009-the-occupation-that-put-green-jobs-on-the-map",
                "title": "Vestas 2009: the occupation that put green jobs on the map",
                "standfirst": """When a wind turbine factory on the Isle of Wight was due
                to close, a small group of workers occupied it, and the whole country
                noticed.""",
                "section": "history",
                "authors": ["declan-moorcroft"],
                "tags": ["history", "climate", "occupations", "jobs"],
                "image": "vestas-archive",
                "body": [
                    p("""In the summer of 2009, the Danish company Vestas announced that it
                    would close its wind turbine blade factory on the Isle of Wight, with the
                    loss of around six hundred jobs. The government of the day was talking
                    about a green industrial revolution. Yet Britain's only major turbine
                    blade plant was to shut.

                    Most of the workforce was not unionised, and there had been no tradition
                    of struggle at the plant. But in July, a group of workers occupied the
                    factory offices and refused to leave."""),
                    h("Eighteen days"),
                    p("""The occupation lasted eighteen days. Supporters camped outside the
                    gates, and food was thrown over the fences to the occupiers when the
                    management tried to starve them out. Climate activists and trade
                    unionists came from across the country, and the rail union took up the
                    workers' case.

                    Socialists, including Workers' Liberty members, helped the workers to
                    organise, publicise their fight and make links with the labour movement.
                    For a few weeks, the occupation was national news, and the demand to
                    nationalise the plant was widely heard."""),
                    img(
                        "vestas-archive",
                        "Supporters outside the occupied factory in 2009.",
                        "Solidarity archive",
                    ),
                    quote(
                        """The government talked about a green industrial revolution while
                        Britain's only major turbine blade plant was being closed."""
                    ),
                    h("What it showed"),
                    p("""The factory did close in the end. But the occupation showed that
                    the fight for jobs and the fight for the climate could be one fight, and
                    that workers with no history of organisation could take bold action and
                    win wide support.

                    It also showed the limits of relying on governments and markets. The
                    state could have taken over the plant and kept it open; it chose not to.
                    More than fifteen years later, with wind turbines now a huge industry,
                    that decision looks even more short-sighted."""),
                    notes(
                        "*Solidarity* reported on the occupation every week; the reports are "
                        "in the online archive.",
                    ),
                ],
            },
        ],
    },
}
