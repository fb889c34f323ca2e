"""The demo site's snippets, pictures, plain pages and settings, as data.

Articles are in issue_7xx.py and bulletins in bulletins.py. Every name here is invented.
"""

from .markup import h, p

SITE_SETTINGS = {
    "organisation": "Workers' Liberty",
    "tagline": "For workers' liberty, east and west",
    "about": """*Solidarity* is the weekly paper of Workers' Liberty, a socialist group active in
    workplaces, unions and campaigns across Britain. We also produce the workplace bulletins
    *Tubeworker* and *Off The Rails*.""",
    "contact_email": "office@example.org",
    # An invented address: this is demo data.
    "postal_address": "Unit 4, Ropewalk Works, London SE1 0ZZ",
}

HOME_STRAPLINE = "The weekly paper of Workers' Liberty"

SECTIONS = [
    # slug, name, description
    ("editorial", "Editorial", "What the paper thinks about the week's events."),
    (
        "industrial",
        "Industrial",
        "Strikes, ballots and disputes, and news from the unions and the rank and file.",
    ),
    (
        "international",
        "International",
        "Workers' struggles around the world, and the case for solidarity across borders.",
    ),
    (
        "womens-fightback",
        "Women's Fightback",
        "Socialist feminism: reproductive rights, equal pay, care and the fight against "
        "sexism at work and in the movement.",
    ),
    (
        "environment",
        "Environment",
        "Climate, energy and the fight for a just transition led by workers.",
    ),
    ("students", "Students", "Campaigns on campus, and staff and students fighting together."),
    ("reviews", "Reviews", "Books, films, theatre and television, read from the left."),
    ("history", "History", "The labour movement's past, and what it can teach us now."),
    ("letters", "Letters", "Readers argue back. Letters may be shortened for space."),
    (
        "our-movement",
        "Our movement",
        "Meetings, schools, appeals and news of Workers' Liberty.",
    ),
]

# slug: name, bio, portrait image key (or None)
AUTHORS = {
    "editorial-board": (
        "Solidarity editorial board",
        "Unsigned editorials are agreed by the paper's editorial board.",
        None,
    ),
    "ruth-calloway": (
        "Ruth Calloway",
        "Ruth is a train guard and a union rep at a depot in the Midlands. She writes for "
        "*Off The Rails*.",
        "portrait-ruth",
    ),
    "tomasz-wierzbicki": (
        "Tomasz Wierzbicki",
        "Tomasz works on stations on the London Underground and helps produce *Tubeworker*.",
        "portrait-tomasz",
    ),
    "priya-halden": (
        "Priya Halden",
        "Priya is a nurse in a London teaching hospital and an activist in her union branch.",
        "portrait-priya",
    ),
    "nadia-ferrante": (
        "Nadia Ferrante",
        "Nadia writes on international labour movements, with a particular interest in "
        "Ukraine and Iran.",
        "portrait-nadia",
    ),
    "hannah-strachan": (
        "Hannah Strachan",
        "Hannah edits *Solidarity*'s Women's Fightback pages and campaigns on reproductive rights.",
        None,
    ),
    "declan-moorcroft": (
        "Declan Moorcroft",
        "Declan is a retired printer and writes about labour movement history.",
        None,
    ),
    "joel-abernethy": (
        "Joel Abernethy",
        "Joel is a secondary school teacher in Leeds and was a student activist before that.",
        None,
    ),
    "maggie-thorburn": (
        "Maggie Thorburn",
        "Maggie reviews books and theatre for *Solidarity*. She lives in Glasgow.",
        None,
    ),
    "sam-okafor-reid": (
        "Sam Okafor-Reid",
        "Sam is active in workers' climate campaigns and works in local government.",
        None,
    ),
    "lena-marsh": ("Lena Marsh", "Lena is a care worker and Unison member in Bristol.", None),
    "gareth-pryce": ("Gareth Pryce", "Gareth is a retired steelworker in South Wales.", None),
    "ife-adeyemi": ("Ife Adeyemi", "Ife is a postgraduate student and UCU member.", None),
    "aisling-doyle": (
        "Aisling Doyle",
        "Aisling works in a university library in Manchester and is a Unison member.",
        None,
    ),
}

# key: title (unique, used to find the image again), alt text, picture spec for images.render
IMAGES = {
    "rail-picket": (
        "Demo: pickets at a train depot",
        "Rail workers on a picket line outside the closed gates of a train depot at dawn.",
        {"kind": "picket", "palette": "grey", "banner": "RMT OFFICIAL PICKET"},
    ),
    "rail-train": (
        "Demo: train at a platform",
        "A red commuter train waiting at a station platform under a clear sky.",
        {"kind": "train", "palette": "day", "sign": "Platform 4"},
    ),
    "tube-platform": (
        "Demo: Tube train in the tunnel",
        "A Tube train emerging from a tunnel beside a platform, with a way-out sign.",
        {"kind": "tube", "palette": "night", "sign": "WAY OUT"},
    ),
    "tube-demo": (
        "Demo: Tube workers' rally",
        "A crowd of Tube workers at dusk holding placards about station staffing and safety.",
        {
            "kind": "crowd",
            "palette": "dusk",
            "words": ["STAFF OUR\nSTATIONS", "SAFETY\nFIRST", "NO JOB\nCUTS"],
            "banner": "TUBE WORKERS UNITED",
        },
    ),
    "nhs-rally": (
        "Demo: rally outside a hospital",
        "Health workers and supporters with placards in front of a large hospital building.",
        {
            "kind": "hospital",
            "palette": "day",
            "sign": "GENERAL HOSPITAL",
            "words": ["FUND\nTHE NHS", "PAY\nNURSES", "SAFE\nSTAFFING"],
        },
    ),
    "nhs-picket": (
        "Demo: health workers' picket line",
        "A picket line of health workers outside hospital buildings early in the morning.",
        {"kind": "picket", "palette": "dawn", "banner": "HEALTH WORKERS ON STRIKE"},
    ),
    "budget-demo": (
        "Demo: march against cuts",
        "Marchers under a stormy sky carrying a banner reading Make the rich pay.",
        {
            "kind": "crowd",
            "palette": "storm",
            "words": ["TAX THE\nRICH", "NO MORE\nCUTS", "WEALTH\nTAX"],
            "banner": "MAKE THE RICH PAY",
        },
    ),
    "city-smoke": (
        "Demo: smoke over a city",
        "Smoke rising above a city skyline at dusk, with lights in the windows of flats.",
        {"kind": "city", "palette": "dusk", "smoke": True, "lit": "#f2c14e"},
    ),
    "iran-protest": (
        "Demo: workers' protest in a city street",
        "Workers holding placards in a city street at dawn, tower blocks behind them.",
        {"kind": "city", "palette": "dawn", "words": ["FREE\nTHEM ALL", "WORKERS'\nRIGHTS"]},
    ),
    "shipyard": (
        "Demo: shipyard workers",
        "Workers gathered in front of an industrial plant with a banner calling for equal rights.",
        {"kind": "factory", "palette": "storm", "banner": "EQUAL RIGHTS FOR ALL"},
    ),
    "abortion-rally": (
        "Demo: abortion rights rally",
        "Women's rights campaigners with placards for free abortion and decriminalisation.",
        {
            "kind": "crowd",
            "palette": "dusk",
            "words": ["MY BODY\nMY CHOICE", "FREE\nABORTION", "DECRIM\nNOW"],
            "banner": "WOMEN'S FIGHTBACK",
        },
    ),
    "care-protest": (
        "Demo: care workers' protest",
        "Care workers holding placards for fair pay in front of a care home.",
        {
            "kind": "hospital",
            "palette": "green",
            "sign": "CARE HOME",
            "words": ["VALUE\nCARE", "£16\nNOW", "CARE IS\nSKILLED"],
        },
    ),
    "bins-picket": (
        "Demo: refuse workers' picket",
        "Refuse workers picketing the gates of a council depot beside a brazier.",
        {"kind": "picket", "palette": "storm", "banner": "BIN WORKERS ON STRIKE"},
    ),
    "couriers": (
        "Demo: couriers' protest at night",
        "Delivery couriers protesting at night in front of lit-up city buildings.",
        {"kind": "city", "palette": "night", "lit": "#f2c14e", "words": ["PAY US\nWHAT'S OWED"]},
    ),
    "campus-demo": (
        "Demo: university staff and students",
        "University staff and students rallying against job cuts, with a banner and placards.",
        {
            "kind": "crowd",
            "palette": "green",
            "words": ["NO\nSACKINGS", "SAVE OUR\nCOURSES", "UCU"],
            "banner": "STAFF AND STUDENTS UNITED",
        },
    ),
    "teachers-meeting": (
        "Demo: teachers' meeting",
        "A meeting hall full of teachers listening to speakers under a banner.",
        {"kind": "meeting", "palette": "red", "banner": "FUND OUR SCHOOLS"},
    ),
    "turbines": (
        "Demo: wind turbines and climate campaigners",
        "Climate campaigners holding placards on a hillside below a row of wind turbines.",
        {"kind": "turbines", "palette": "green", "words": ["CLIMATE\nJOBS", "JUST\nTRANSITION"]},
    ),
    "vestas-archive": (
        "Demo: factory occupation, 2009",
        "An archive-style picture of workers outside a factory with a banner to save jobs.",
        {"kind": "factory", "palette": "grey", "banner": "SAVE VESTAS JOBS", "old": True},
    ),
    "chartists": (
        "Demo: Chartist march, 1839",
        "A sepia picture of a crowd marching behind a banner, in the style of an old print.",
        {
            "kind": "crowd",
            "palette": "storm",
            "words": ["THE\nCHARTER"],
            "banner": "NEWPORT 1839",
            "old": True,
        },
    ),
    "miners-1926": (
        "Demo: miners' lockout, 1926",
        "A sepia picture of miners and their families marching, with placards about pay.",
        {
            "kind": "crowd",
            "palette": "grey",
            "words": ["NOT A PENNY\nOFF THE PAY", "NOT A MINUTE\nON THE DAY"],
            "banner": "MINERS' FEDERATION",
            "old": True,
        },
    ),
    "soldiers-1919": (
        "Demo: soldiers' protest, 1919",
        "A sepia picture of soldiers massed in a street with placards demanding demobilisation.",
        {"kind": "crowd", "palette": "grey", "words": ["DEMOB\nNOW"], "old": True},
    ),
    "books": (
        "Demo: bookshelf",
        "Rows of colourful book spines on a shelf with one book standing in front.",
        {"kind": "books", "palette": "dusk", "title": "The Logistics\nof Misery"},
    ),
    "theatre": (
        "Demo: theatre stage",
        "A stage lit in red, four actors standing under a banner, the audience in silhouette.",
        {"kind": "meeting", "palette": "red", "banner": "THE PHILANTHROPISTS"},
    ),
    "night-shift": (
        "Demo: hospital at night",
        "A hospital building at night with protesters and placards in front.",
        {"kind": "hospital", "palette": "night", "sign": "NIGHT SHIFT", "words": ["ON\nSTRIKE"]},
    ),
    "meeting": (
        "Demo: Workers' Liberty meeting",
        "An audience listening to a panel of speakers under a Workers' Liberty banner.",
        {"kind": "meeting", "palette": "dusk", "banner": "WORKERS' LIBERTY"},
    ),
    "portrait-ruth": (
        "Demo: portrait of Ruth Calloway",
        "Head-and-shoulders silhouette portrait on a green background.",
        {"kind": "portrait", "palette": "green", "hair": True},
    ),
    "portrait-tomasz": (
        "Demo: portrait of Tomasz Wierzbicki",
        "Head-and-shoulders silhouette portrait on a warm background.",
        {"kind": "portrait", "palette": "dawn"},
    ),
    "portrait-priya": (
        "Demo: portrait of Priya Halden",
        "Head-and-shoulders silhouette portrait on a blue background.",
        {"kind": "portrait", "palette": "day", "hair": True},
    ),
    "portrait-nadia": (
        "Demo: portrait of Nadia Ferrante",
        "Head-and-shoulders silhouette portrait on a grey background.",
        {"kind": "portrait", "palette": "grey", "hair": True},
    ),
    "logo-tubeworker": (
        "Demo: Tubeworker masthead",
        "The Tubeworker masthead: the name in white on red.",
        {"kind": "logo", "size": (1200, 400), "colour": "#b3001b", "text": "TUBEWORKER"},
    ),
    "logo-off-the-rails": (
        "Demo: Off The Rails masthead",
        "The Off The Rails masthead: the name in white on dark green.",
        {"kind": "logo", "size": (1200, 400), "colour": "#1b5e3b", "text": "OFF THE RAILS"},
    ),
}

ISSUE_INDEX = {
    "title": "Solidarity",
    "slug": "solidarity",
    "intro": """Every issue of *Solidarity*, the weekly paper of Workers' Liberty, newest
    first. Sellers can download the print edition from the sellers' portal.""",
}

BULLETIN_INDEX = {
    "title": "Bulletins",
    "slug": "bulletins",
    "intro": """Workers' Liberty members produce regular bulletins in their workplaces and
    industries, written with and for the people who work there. Two of them are published
    here.""",
}

WHERE_WE_STAND = {
    "title": "Where we stand",
    "slug": "where-we-stand",
    "standfirst": "What Workers' Liberty fights for, in brief.",
    "body": [
        p("""We live in a society divided into classes. Most of us get by through selling our
        ability to work. A small minority own the workplaces, the land, the banks and the
        technology, and they profit from our work. Their constant drive for more profit
        shapes everything: it means low pay and long hours, insecure jobs, crumbling public
        services, wars between rival powers and a damaged planet.

        What working people have on our side is numbers, and the power that comes from
        acting together. Workers' Liberty exists to help build that collective
        strength, in the workplaces and unions first of all, so that the working class can
        take control of society and run it democratically for human need."""),
        h("The society we want"),
        p("""We are socialists. We want the big industries, the finance system and the key
        services owned in common and run democratically by the people who work in them and
        use them. We want a democracy far deeper than a vote every five years, with
        representatives whom voters can remove as soon as they lose confidence in them, who
        live on the same wage as the people they represent, and no privileged caste of
        bureaucrats or managers.

        That society cannot be handed down from above, by a kind-hearted government or a
        one-party state. Socialism will be the work of the working class itself, or it will
        not be socialism at all. That is why we oppose the Stalinist regimes of the past and
        present as fiercely as we oppose capitalism."""),
        h("What we fight for now"),
        p("""- Strong, democratic unions, run by their members, that put workers' interests
        first instead of seeking partnership with the bosses.
        - Freedom for unions to organise, strike, picket and act in support of other workers,
        without the anti-union laws.
        - Working people represented in politics by their own movement rather than by
        careerists, and a government that answers to the unions and workers who elect it.
        - Make the rich pay: tax wealth, and take the banks and big firms into public
        ownership, so there is money for the NHS, schools, council homes and secure jobs.
        - Real equality for women: abortion free and on demand, and public services that
        lift the burden of unpaid care.
        - Equal rights, and an end to discrimination, for LGBT people.
        - Workers of every colour and background united against racism; open borders.
        - The right of every nation to decide its own future, and opposition to every empire
        and would-be empire.
        - A fast, fair transition away from fossil fuels, planned and controlled by workers."""),
        h("Solidarity across borders"),
        p("""A worker in Kyiv, Tehran or Leeds shares far more with other workers than with
        the rulers of their own country. We stand with workers and oppressed peoples against
        the governments and bosses that exploit them, whether those rulers call themselves
        democrats, nationalists or socialists. We support independent unions and democratic
        movements from Ukraine to Iran to Hong Kong.

        We want the left to work together wherever it can, and to argue out its
        disagreements in public rather than behind closed doors. If you agree with much of
        this, read the paper, take some copies to sell at work, and get in touch about joining
        us."""),
    ],
}

ABOUT = {
    "title": "About Solidarity",
    "slug": "about",
    "standfirst": "The weekly paper of Workers' Liberty, and how to get it.",
    "body": [
        p("""*Solidarity* comes out every week. It carries reports from workplaces and picket
        lines, news of workers' movements around the world, socialist feminist writing in our
        Women's Fightback pages, reviews, history and open debate on the left. Several times a
        year an issue carries a *Workers' Liberty* insert on a single theme."""),
        h("Getting the paper"),
        p("""Most copies are sold by hand: at work, on picket lines, at union meetings and on
        street stalls. The cover price is £1, or £2 if you can afford to support the paper.
        You can also read every article on this site, subscribe to the weekly email, or take
        a bundle of copies to sell yourself. Sellers download the print edition each week
        from the sellers' portal."""),
        h("Writing for us"),
        p("""We want to hear from workers about what is happening where they work. Reports,
        letters and replies to our articles are all welcome. Send them to the office email
        address; we may shorten them for space."""),
    ],
}
