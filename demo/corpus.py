"""Word lists and a seeded text generator for `generate_articles`, the benchmark corpus.

Every name and sentence it makes is invented; two runs with the same seed give the same text.
"""

import itertools


def words(text):
    return text.split()


SECTIONS = [
    ("editorial", "Editorial"),
    ("industrial", "Industrial"),
    ("international", "International"),
    ("womens-fightback", "Women's Fightback"),
    ("reviews", "Reviews"),
    ("history", "History"),
    ("letters", "Letters"),
    ("politics", "Politics"),
]
FIRST_NAMES = words(
    "Rosa Sam Jo Priya Tom Aisha Dan Martha Kev Sofia Ben Hannah Omar Lucy Pat Niamh Raj Ellen "
    "Tariq Beth Chris Mira Owen Grace Ade Ruth Luke Zainab Gerry Ana Mick Farah Ivan Cath Yusuf"
)
SURNAMES = words(
    "Hart Oduya Kaur Bellamy Rahman Walsh Novak Okafor Lyons Brennan Shah Morgan Costa Price "
    "Doyle Hussain Fischer Reid Mensah Quinn Ahmed Hale Kowalski Byrne Nair Ellis Varga Obi Lowe"
)
# Who, what and where: the vocabulary of a labour-movement paper.
GROUPS = words(
    "nurses drivers cleaners teachers lecturers dockers postal-workers firefighters "
    "care-workers tube-workers rail-workers junior-doctors bus-drivers civil-servants "
    "warehouse-workers students tenants miners steelworkers refuse-collectors"
)
ISSUES = words(
    "pay pensions outsourcing privatisation cuts closures fatigue safety redundancies "
    "casualisation rents housing climate deportations racism sexism abortion benefits "
    "zero-hours contracts tuition fees austerity automation surveillance"
)
PLACES = words(
    "London Glasgow Manchester Liverpool Leeds Sheffield Cardiff Bristol Newcastle Belfast "
    "Birmingham Nottingham Dundee Swansea Leicester Ukraine Palestine Iran Sudan France Germany "
    "Brazil Argentina Turkey India China Hong-Kong Chile Poland Greece"
)
ORGS = words(
    "RMT Aslef Unite Unison GMB UCU NEU PCS CWU FBU TSSA Labour TUC NHS Amazon Deliveroo "
    "Network-Rail TfL Royal-Mail Tories Reform"
)
VERBS = words(
    "strike walk-out vote ballot picket occupy march organise protest win defy reject "
    "demand resist rally campaign"
)
NOUNS = words(
    "dispute ballot picket-line strike-fund rank-and-file workplace union branch committee "
    "bosses management government council employer members reps leaflet demonstration "
    "solidarity democracy socialism capitalism wages profits inflation conference motion "
    "leadership bureaucracy agreement offer settlement negotiation walkout lockout injunction "
    "legislation movement struggle history revolution reform class movement internationalism"
)
ADJECTIVES = words(
    "militant national local indefinite unofficial solid angry determined historic "
    "democratic rotten insulting derisory united bitter long-running successful"
)
FILLER = words(
    "the a of to and in for on that with as by at from this it is was were will not but "
    "have has had their they we our all more than after before over under against new first "
    "last week year day month every many most some also still"
)
# The long tail: words any article might use, from common to rare.
GENERAL = words(
    """
    people work job jobs money time government country world life family children school
    hospital service services public private company companies industry economy market crisis
    price prices energy bills food wage cost living poverty inequality rich poor power state
    police court law rights freedom vote election parliament minister party politics policy
    report figures survey study evidence data research shift shifts staff staffing workload
    overtime holiday sickness contract agency temporary permanent grade grades regrading
    review tribunal dismissal victimisation sacked reinstated reinstatement disciplinary
    grievance procedure consultation recognition derecognition membership recruitment
    organiser organisers steward stewards delegate delegates executive general secretary
    president elected accountable officials full-time lay activists activist meeting meetings
    mass assembly vote turnout threshold mandate action industrial escalation programme
    coordinated national regional sector sectors private public health education transport
    railway railways station stations depot depots line lines signal signals platform trains
    buses ambulance hospital wards clinic surgery patients pupils schools colleges university
    universities campus academy academies council councils landlord landlords eviction
    evictions homeless housing estate tower block rent arrears mortgage interest inflation
    recession growth investment profit dividend shareholders billionaire billionaires tax
    taxes budget chancellor treasury spending borrowing debt interest bank banks finance
    war peace army troops invasion occupation refugees asylum border borders migrants
    citizenship passport detention camp camps ceasefire bombing missiles sanctions aid
    environment emissions carbon fossil fuels oil gas coal renewables wind solar flood floods
    heat drought transition jobs green planet science technology artificial intelligence
    computer internet platform app algorithm data privacy media newspaper press television
    broadcast journalist journalists editor editorial article pamphlet book books novel film
    play theatre music song songs poem poetry author writer historian archive memory past
    century decade generation tradition heritage pioneer pioneers chartists suffragettes
    luddites commune soviets councils syndicalism anarchism stalinism trotskyism marxism
    feminism liberation equality oppression exploitation alienation imperialism colonialism
    nationalism fascism populism racism antisemitism islamophobia homophobia transphobia
    discrimination harassment bullying violence abuse justice injustice prison prisoners
    protest protests demonstrators march marches rally rallies banner banners placard
    leaflets newspaper sales stall petition lobby delegation conference resolution amendment
    rulebook constitution branch meeting minutes chair treasurer secretary motion carried
    defeated unanimous majority minority caucus faction tendency left right centre reformist
    revolutionary socialist socialists communist communists liberal conservative tory tories
    labour unionists workers worker class working classes middle ruling bourgeois capitalist
    owners managers supervisors contractors subcontractors outsourced insourced insourcing
    privatised nationalised nationalisation public ownership control democratic planning
    cooperative cooperatives mutual welfare benefits pension pensions retirement age care
    childcare nursery nurseries maternity paternity parental leave flexible hours part-time
    full-time zero seasonal gig couriers riders drivers app-based self-employed status
    """
)
HEADLINES = [
    "{Group} {verb} over {issue}",
    "{Place} {groups} {verb} against {issue}",
    "{Org} must back the {groups}",
    "Why we {verb}: {groups} speak out",
    "{Adjective} {noun} as {groups} {verb}",
    "{Org} and the fight over {issue}",
    "{Place}: {noun} and {noun2}",
    "Stop the {issue}!",
    "The {adjective} history of the {noun}",
    "{Groups} win on {issue} in {place}",
    "Review: {adjective} {noun} in {place}",
    "Letter: {org} and {issue}",
]
TAGS = [
    "strikes",
    "nhs",
    "rail",
    "climate",
    "housing",
    "ukraine",
    "palestine",
    "labour-party",
    "anti-racism",
    "education",
    "pay",
    "pensions",
    "privatisation",
    "women",
    "trade-union-democracy",
    "europe",
    "iran",
    "history",
    "migrants",
    "tube",
]


def word(rng, pool):
    return rng.choice(pool).replace("-", " ")


class Text:
    """Headlines and prose about one topic at a time, with a long tail of general words.

    Each article is about a topic (who, where, what, which organisation): its words are frequent
    in that article and rare elsewhere, while the general vocabulary follows a Zipf curve, so
    that search terms match anything from a handful to tens of thousands of articles, as they
    would in a real archive.
    """

    def __init__(self, rng):
        self.rng = rng
        general = GENERAL + NOUNS + VERBS + ADJECTIVES
        rng.shuffle(general)
        self.general = general
        self.general_weights = list(
            itertools.accumulate(1 / (rank + 1) for rank in range(len(general)))
        )
        self.new_topic()

    def new_topic(self):
        r = self.rng
        self.topic = {
            "group": word(r, GROUPS),
            "groups": word(r, GROUPS),
            "issue": word(r, ISSUES),
            "place": word(r, PLACES),
            "org": word(r, ORGS),
        }
        self.topic_words = list(self.topic.values())

    def fill(self, template):
        r = self.rng
        values = {
            **self.topic,
            "verb": word(r, VERBS),
            "noun": word(r, NOUNS),
            "noun2": word(r, NOUNS),
            "adjective": word(r, ADJECTIVES),
        }
        values.update({k.capitalize(): v[:1].upper() + v[1:] for k, v in list(values.items())})
        return template.format(**values)

    def headline(self):
        return self.fill(self.rng.choice(HEADLINES))

    def sentence(self, length):
        r = self.rng
        words = []
        for _ in range(length):
            roll = r.random()
            if roll < 0.45:
                words.append(r.choice(FILLER))
            elif roll < 0.55:
                words.append(r.choice(self.topic_words))
            else:
                words.append(r.choices(self.general, cum_weights=self.general_weights)[0])
        text = " ".join(w.replace("-", " ") for w in words)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self):
        return " ".join(
            self.sentence(self.rng.randint(8, 20)) for _ in range(self.rng.randint(2, 5))
        )
