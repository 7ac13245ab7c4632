"""Word banks for `connect demo`: small, realistic, and deliberately overlapping.

Needs and offers share words (hiring, investors, Europe…) so that `prep` finds someone who could
help; family entries follow the "Name (relation, age)" shape people type; a few names carry
accents or non-Latin letters so matching and rendering get exercised on every demo journal.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Linda", "Bob", "Sam", "Maya", "Alex", "Priya", "Jonas", "Chloé", "Zoë", "José", "Björn",
    "Łukasz", "Siobhán", "François", "Søren", "Renée", "Aiko", "Wei", "Fatima", "Omar", "Ingrid",
    "Mateo", "Olga", "Kwame", "Nadia", "Tomás", "Elena", "David", "Sarah", "Michael", "Emma",
    "Noah", "Olivia", "Liam", "Ava", "Lucas", "Mia", "Ethan", "Sofia", "Daniel", "Grace", "Hugo",
    "Isabel", "Jack", "Kiara", "Leo", "Marta", "Nikos", "Paula", "Rafael", "Robert", "Elizabeth",
    "William", "Katherine", "Thomas", "Victoria", "Yusuf", "Anika", "Dmitri", "Hana", "민준",
)  # fmt: skip
LAST_NAMES = (
    "Holcman", "Stone", "Nguyen", "García", "Müller", "O'Brien", "Kowalski", "Rossi", "Tanaka",
    "Okafor", "Johansson", "Dubois", "Smith", "Patel", "Chen", "Kim", "Silva", "Novak", "Haddad",
    "Fischer", "Lindqvist", "Moreau", "Brown", "Wilson", "Taylor", "Anderson", "Martin", "Lee",
    "Walker", "Young", "Hernández", "López", "Schneider", "Bianchi", "Costa", "Ivanova", "Sato",
    "Mensah", "Andersen", "Nowak", "Papadopoulos", "Yilmaz", "Cohen", "Murphy", "Kelly", "Reyes",
    "Ward", "Price", "Brooks", "Sanders", "Foster", "Hughes", "Bennett", "Wood", "Gray", "Ødegaard",
)  # fmt: skip
NICKNAMES = {
    "Robert": "Bob", "Elizabeth": "Liz", "William": "Will", "Katherine": "Kate",
    "Thomas": "Tom", "Victoria": "Vicky", "Michael": "Mike", "Daniel": "Dan",
    "Alex": "Lex", "Alexander": "Alex", "Olivia": "Liv", "Isabel": "Izzy",
}  # fmt: skip

COMPANY_STEMS = (
    "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Blue Harbor", "Brightline", "Cobalt",
    "Evergreen", "Fjord", "Granite", "Helix", "Ironwood", "Juniper", "Keystone", "Lumen",
    "Meridian", "Nimbus", "Orchard", "Pinnacle", "Quarry", "Redwood", "Summit", "Tidal",
    "Vertex", "Willow", "Zephyr", "Atlas", "Beacon", "Cascade",
)  # fmt: skip
COMPANY_SUFFIXES = (
    "", " Labs", " Capital", " Health", " Ventures", " Systems", " Partners", " Robotics",
    " Foods", " Analytics", " Bank", " Media",
)  # fmt: skip
TITLES = (
    "CEO", "CTO", "CFO", "COO", "Founder", "Co-founder", "VP Sales", "VP Engineering",
    "Head of Marketing", "Product Manager", "Partner", "Principal", "Recruiter",
    "Head of Talent", "Account Executive", "Engineering Manager", "Designer", "Consultant",
    "General Counsel", "Board member", "Investor", "Director of Operations",
)  # fmt: skip
LOCATIONS = (
    "Boston", "New York", "San Francisco", "Austin", "London", "Berlin", "Paris", "Zürich",
    "São Paulo", "Kraków", "Montréal", "Tokyo", "Seoul", "Lagos", "Nairobi", "Lisbon",
    "Stockholm", "Toronto", "Chicago", "Denver", "Seattle", "Amsterdam", "Dublin", "Singapore",
)  # fmt: skip
EVENTS = (
    "SaaStr", "Web Summit", "YC Demo Day", "TechCrunch Disrupt", "Money20/20", "SXSW",
    "Slush", "re:Invent", "HLTH", "the alumni dinner", "the founders' breakfast",
)  # fmt: skip
PLACES_MET = (
    "a friend's wedding", "the school gate", "a flight to Chicago", "LinkedIn",
    "a board dinner", "the climbing gym", "a meetup on pricing", "my old job", "a podcast recording",
    "the coworking space",
)  # fmt: skip

TAGS = (
    "client", "prospect", "investor", "mentor", "friend", "founder", "recruiter", "partner",
    "press", "alumni", "family",
)  # fmt: skip
RHYTHMS = (14, 30, 60, 90, 180, 365, None)
RHYTHM_WEIGHTS = (6, 14, 14, 22, 14, 10, 20)

PASSIONS = (
    "sailing", "jazz piano", "marathon running", "rock climbing", "sourdough baking",
    "birdwatching", "chess", "cycling", "photography", "gardening", "salsa dancing",
    "woodworking", "surfing", "skiing", "poetry", "vinyl records", "fly fishing", "pottery",
    "Formula 1", "scuba diving",
)  # fmt: skip
SON_NAMES = ("Sam", "Leo", "Noah", "Theo", "Finn", "Oscar", "Kenji", "Luca", "Mateo", "Jonah")
DAUGHTER_NAMES = ("Maya", "Ava", "Mia", "Lily", "Zara", "Ines", "Amara", "Elsa", "Nora", "Chloé")
PARTNER_NAMES = (
    "Alex", "Priya", "Jordan", "Chris", "Nora", "Daniel", "Marie", "Tariq", "Hélène", "Sean",
)  # fmt: skip
PET_NAMES = ("Biscuit", "Pepper", "Luna", "Max", "Miso")
LIKES = (
    "espresso", "single malt", "Italian food", "dark chocolate", "craft beer",
    "history podcasts", "sci-fi novels", "Arsenal", "the Celtics", "green tea", "Thai food",
    "board games", "old maps", "natural wine", "crosswords",
)  # fmt: skip
DISLIKES = (
    "golf", "early meetings", "small talk", "cilantro", "long emails", "cold calls",
    "spicy food", "airports", "slide decks", "networking events",
)  # fmt: skip
# Needs and offers share words on purpose (see the module docstring).
NEEDS = (
    "hiring a VP Sales", "raising a seed round", "finding a fintech lawyer", "expanding to Europe",
    "hiring senior engineers", "finding a co-founder", "moving to Austin",
    "selling the company", "finding a mentor in healthcare", "meeting fintech investors",
    "finding a good accountant", "launching in Germany", "finding a designer",
    "getting a board seat", "hiring a head of marketing", "learning about pricing",
)  # fmt: skip
OFFERS = (
    "intros to fintech investors", "advice on hiring sales leaders", "knows every VC in Boston",
    "help expanding to Europe", "legal advice for startups", "mentoring first-time founders",
    "pricing workshops", "warm intros to healthcare buyers", "seed round playbook",
    "can recommend a great accountant", "knows the Austin tech scene", "design reviews",
    "recruiting senior engineers", "board governance advice", "marketing strategy sessions",
    "contacts in Germany",
)  # fmt: skip
FACTS = (
    "ran the Boston marathon", "speaks four languages", "ex-McKinsey", "grew up in Lisbon",
    "vegetarian", "left-handed", "Stanford MBA", "served in the navy", "has a pilot's license",
    "writes a newsletter", "volunteers at a food bank", "collects fountain pens",
)  # fmt: skip
DATE_LABELS = ("work anniversary", "wedding anniversary", "company founding day")

FOLLOWUPS = (
    "Send the deck", "Book lunch", "Share the article on {passion}", "Follow up on {need}",
    "Send a birthday card", "Intro to {other}", "Send the pricing doc", "Check in after the launch",
    "Return the book", "Send photos from the event",
)  # fmt: skip

# What an interaction's note opens with, by kind; the topic that follows comes from the person.
OPENERS = {
    "meeting": ("Met at their office", "Meeting in person", "Walked through the roadmap"),
    "call": ("Quick call", "Long call", "Phone catch-up"),
    "video": ("Zoom catch-up", "Video call", "Quick Meet"),
    "email": ("Emailed", "Long email thread", "Replied to their note"),
    "message": ("Texted", "WhatsApp exchange", "Slack DMs"),
    "meal": ("Lunch near the office", "Dinner in town", "Coffee", "Breakfast before work"),
    "event": ("Saw them at a meetup", "Ran into them at a conference", "Panel together"),
    "note": ("Heard from a friend", "Saw their post", "Noted"),
}
KIND_WEIGHTS = {
    "meeting": 12, "call": 18, "video": 12, "email": 20, "message": 16, "meal": 10, "event": 5,
    "note": 7,
}  # fmt: skip
TOPICS = {
    "passion": ("talked about {x}", "they are deep into {x} lately", "swapped {x} stories"),
    "family": ("news about {x}", "{x} is doing well"),
    "need": ("still {x}", "update on {x}", "asked for help {x}"),
    "like": ("shared a love of {x}",),
    "offer": ("offered {x}",),
    "company": ("news at {x}", "{x} is growing"),
}
GENERIC_TOPICS = (
    "caught up on the quarter", "talked about the market", "compared notes on hiring",
    "swapped book recommendations", "planned the next steps", "nothing urgent",
)  # fmt: skip
TIMES = ("08:30", "09:00", "10:15", "11:00", "12:30", "13:00", "15:45", "17:30", "19:00")
