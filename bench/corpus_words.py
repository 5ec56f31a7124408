"""Vocabulary of the synthetic news corpus: places, people, institutions, topics, page chrome."""

COUNTRIES = (
    "Germany", "France", "Italy", "Spain", "Poland", "Latvia", "Estonia", "Lithuania", "Finland",
    "Sweden", "Norway", "Denmark", "the Netherlands", "Belgium", "Canada", "Japan", "South Korea",
    "Australia", "Turkey", "Greece", "Romania", "Bulgaria", "Czechia", "Slovakia", "Hungary",
    "Austria", "Portugal", "Ireland", "the United Kingdom", "the United States", "Ukraine",
    "Moldova", "Georgia", "Armenia", "Azerbaijan", "Kazakhstan", "India", "Pakistan", "Indonesia",
    "Vietnam", "the Philippines", "Egypt", "Jordan", "Saudi Arabia", "Qatar", "the United Arab Emirates",
    "Israel", "Lebanon", "Iraq", "Kenya", "Ethiopia", "Nigeria", "Ghana", "South Africa", "Brazil",
    "Argentina", "Chile", "Colombia", "Mexico", "Peru", "New Zealand", "Switzerland", "Iceland",
)  # fmt: skip
CITIES = (
    ("Kyiv", "Ukraine"), ("Brussels", "Belgium"), ("Paris", "France"), ("Berlin", "Germany"),
    ("Warsaw", "Poland"), ("Geneva", "Switzerland"), ("Vienna", "Austria"), ("Rome", "Italy"),
    ("Madrid", "Spain"), ("Helsinki", "Finland"), ("Stockholm", "Sweden"), ("Oslo", "Norway"),
    ("Ankara", "Turkey"), ("Doha", "Qatar"), ("Riyadh", "Saudi Arabia"), ("Cairo", "Egypt"),
    ("Nairobi", "Kenya"), ("Addis Ababa", "Ethiopia"), ("New Delhi", "India"), ("Tokyo", "Japan"),
    ("Seoul", "South Korea"), ("Jakarta", "Indonesia"), ("Canberra", "Australia"),
    ("Ottawa", "Canada"), ("Brasília", "Brazil"), ("Buenos Aires", "Argentina"),
    ("Mexico City", "Mexico"), ("Astana", "Kazakhstan"), ("Baku", "Azerbaijan"),
    ("Tbilisi", "Georgia"), ("Chisinau", "Moldova"), ("Lisbon", "Portugal"), ("Dublin", "Ireland"),
)  # fmt: skip
ORGS = (
    "NATO", "the European Commission", "the European Council", "the United Nations",
    "the African Union", "ASEAN", "the International Monetary Fund", "the World Bank",
    "the OSCE", "the International Atomic Energy Agency", "the World Health Organization",
    "the World Trade Organization", "the Arab League", "the G7", "the Council of Europe",
)  # fmt: skip
FIRST = (
    "Rustem", "Anna", "Jean", "Olaf", "Giorgia", "Pedro", "Kaja", "Mark", "Ursula", "Antonio",
    "Petteri", "Jonas", "Mette", "Radosław", "Hakan", "Ahmed", "Fatima", "Kenji", "Priya", "Luis",
    "Maria", "Sergiy", "Olena", "Dmytro", "Andrzej", "Ilze", "Margus", "Gabrielius", "Elina",
    "Tomás", "Aisha", "Yoon", "Samuel", "Chidi", "Lucía", "Ingrid", "Pieter", "Katarzyna", "Omar",
)  # fmt: skip
LAST = (
    "Umerov", "Kovalenko", "Barrot", "Wadephul", "Tajani", "Albares", "Kallas", "Rutte", "Costa",
    "Sikorski", "Fidan", "Haddad", "Nakamura", "Sharma", "Morales", "Lindqvist", "Valtonen",
    "Braun", "Sybiha", "Yermak", "Novak", "Petrov", "Okafor", "Mensah", "García", "Jensen",
    "de Vries", "Nowak", "Karimov", "Aliyev", "Papadopoulos", "Rossi", "Dubois", "Müller",
    "Andersen", "Tanaka", "Kim", "Silva", "Hassan", "Ivanova", "Horvat", "Bianchi", "Larsen",
)  # fmt: skip
ROLES = (
    "foreign minister", "defence minister", "national security adviser", "prime minister",
    "president", "deputy foreign minister", "trade minister", "energy minister", "chief negotiator",
    "special envoy", "government spokesperson", "secretary of the security council",
)  # fmt: skip
MEETINGS = (
    ("summit", "summit"), ("talks", "round of talks"), ("meeting", "high-level meeting"),
    ("conference", "international conference"), ("ministerial", "ministerial meeting"),
    ("consultations", "closed-door consultations"), ("negotiations", "negotiations"),
)  # fmt: skip
TOPICS = (
    ("security guarantees", ("air defence", "ammunition supplies", "a monitoring mission", "border security")),
    ("a ceasefire", ("prisoner exchanges", "humanitarian corridors", "a truce line", "monitoring")),
    ("energy security", ("gas storage", "grid repairs", "nuclear safety", "electricity imports")),
    ("trade and tariffs", ("steel quotas", "customs rules", "export controls", "grain shipments")),
    ("migration", ("border checks", "asylum procedures", "return agreements", "labour visas")),
    ("climate finance", ("adaptation funds", "emission targets", "coal phase-out", "carbon markets")),
    ("reconstruction", ("housing", "power plants", "bridges and roads", "demining")),
    ("debt relief", ("loan guarantees", "bond restructuring", "interest payments", "budget support")),
    ("maritime security", ("shipping lanes", "port access", "naval patrols", "sea mines")),
    ("public health", ("vaccine supplies", "hospital funding", "disease surveillance", "medicines")),
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUTLETS = (
    "Reuters", "AFP", "AP", "Kyiv Independent", "Euronews", "Ukrainska Pravda", "Deutsche Welle",
    "Al Jazeera", "The Guardian", "Politico Europe", "Anadolu", "Kyodo", "NHK World", "RFE/RL",
    "Le Monde", "El País", "ANSA", "PAP", "Yle", "The Straits Times",
)  # fmt: skip
# synonyms editors swap in; any other changed word gets a typo or a neighbour insertion
SYNONYMS = {
    "said": "stated", "told": "informed", "meeting": "session", "talks": "discussions",
    "arrived": "landed", "countries": "nations", "officials": "representatives",
    "expected": "due", "will": "would", "also": "as well", "announced": "declared",
    "urged": "called on", "agreed": "consented", "however": "but", "important": "key",
    "new": "fresh", "support": "backing", "help": "assist", "plan": "proposal",
    "week": "days", "began": "started", "major": "significant", "partners": "allies",
    "leaders": "heads of state", "discuss": "address", "signed": "inked",
}  # fmt: skip
FILLER = ("also", "now", "still", "reportedly", "officially", "again", "formally", "already")
READ_MORE = (
    "Global markets rally as inflation data shows cooling trends",
    "Storm leaves thousands without power along the coast",
    "Central bank holds rates steady for third month",
    "Football: late goal seals dramatic cup final win",
    "Tech giant unveils new smartphone lineup",
    "Wildfires force evacuations in the south",
    "Opposition calls for snap election after budget vote",
    "Scientists report breakthrough in battery storage",
    "Film festival opens with record attendance",
    "Oil prices climb on supply worries",
)  # fmt: skip
CHROME_TAIL = (
    "Sign up for our daily newsletter to get the top stories in your inbox.",
    "Share this article: Facebook, X, LinkedIn, WhatsApp, Email.",
    "© {year} {outlet}. All rights reserved.",
    "Follow us on Telegram for the latest updates.",
    "Support independent journalism. Become a member today.",
    "Tags: diplomacy, politics, world news, Europe.",
)  # fmt: skip
SUBJECTS = (
    "the government", "the opposition", "parliament", "the finance ministry", "local authorities",
    "business groups", "trade unions", "aid agencies", "the central bank", "the army",
    "independent analysts", "regional governors", "the ruling coalition", "civil society groups",
    "European diplomats", "the defence ministry", "energy companies", "farmers' associations",
)  # fmt: skip
VERBS = (
    "has warned about", "is pressing for", "has questioned", "has welcomed", "is preparing for",
    "remains divided over", "has promised", "is lobbying against", "has set aside money for",
    "is counting on", "has criticised delays in", "wants clarity on", "has published a report on",
    "is bracing for", "has long opposed", "quietly supports",
)  # fmt: skip
OBJECTS = (
    "rising costs", "the winter season", "new sanctions", "the budget for next year",
    "supply bottlenecks", "a change in leadership", "weapons deliveries", "refugee returns",
    "the exchange rate", "public opinion", "the timetable for elections", "cross-border trade",
    "fuel prices", "a reform of the courts", "military production", "the harvest",
    "cyberattacks on infrastructure", "the reopening of ports", "investment guarantees",
)  # fmt: skip
TAILS = (
    "in recent weeks", "since the summer", "according to local media", "despite the talks",
    "ahead of the vote", "in a statement on its website", "as the conflict drags on",
    "amid growing frustration", "for the first time", "behind closed doors",
    "while the meeting was under way", "as prices kept rising", "in an interview published today",
)  # fmt: skip
