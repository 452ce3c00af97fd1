"""Word lists the seed combines into realistic support data (no lorem ipsum)."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


__all__ = [
    "AGENTS",
    "BRANDS",
    "CITIES",
    "CLOSINGS_IN",
    "CLOSINGS_OUT",
    "COMPANIES",
    "EMAIL_DOMAINS",
    "FIRST_NAMES",
    "LAST_NAMES",
    "PRODUCTS",
    "QUEUES",
    "SHORTCUTS",
    "STREETS",
    "TAGS",
    "TEAMS",
    "TOPICS",
]

FIRST_NAMES = _words(
    "Olivia Liam Emma Noah Ava Oliver Sophia Elijah Isabella James Mia William Amelia Benjamin "
    "Harper Lucas Evelyn Henry Abigail Theodore Emily Jack Ella Levi Elizabeth Alexander Camila "
    "Jackson Luna Mateo Sofia Daniel Avery Michael Mila Mason Aria Sebastian Scarlett Ethan "
    "Penelope Logan Layla Owen Chloe Samuel Victoria Jacob Madison Asher Eleanor Aiden Grace "
    "John Nora Joseph Riley Wyatt Zoey David Hannah Leo Hazel Luke Lily Julian Ellie Hudson "
    "Violet Grayson Lillian Matthew Zoe Ezra Stella Gabriel Aurora Carter Natalie Isaac Emilia "
    "Priya Arjun Mei Hiroshi Fatima Omar Chiara Mateus Ingrid Tomasz Aisha Kwame Sione Dmitri"
)

LAST_NAMES = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
    "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
    "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips "
    "Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook "
    "Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward "
    "Patel Okafor Tanaka Kowalski Rossi Novak Lindqvist Haddad Mensah Fernandes Schneider Ivanova"
)

EMAIL_DOMAINS = _words(
    "gmail.com gmail.com gmail.com yahoo.com outlook.com hotmail.com icloud.com proton.me "
    "fastmail.com aol.com live.com comcast.net"
)

CITIES = (
    ("Portland", "OR", "97205"),
    ("Austin", "TX", "78701"),
    ("Denver", "CO", "80202"),
    ("Chicago", "IL", "60607"),
    ("Brooklyn", "NY", "11201"),
    ("Seattle", "WA", "98101"),
    ("Raleigh", "NC", "27601"),
    ("Minneapolis", "MN", "55401"),
    ("San Diego", "CA", "92101"),
    ("Boston", "MA", "02108"),
    ("Nashville", "TN", "37203"),
    ("Salt Lake City", "UT", "84101"),
)

STREETS = tuple(
    f"{name} {kind}"
    for name, kind in zip(
        _words("Maple Oak Cedar Pine Elm Birch Willow Lakeview Hillcrest Sunset Park Main River"),
        _words("Ave St Ln St St Rd Way Dr Rd Blvd Ave St Rd"),
        strict=True,
    )
)

PRODUCTS = (
    "trail running shoes",
    "insulated water bottle",
    "rain jacket",
    "merino wool socks",
    "40L hiking backpack",
    "down sleeping bag",
    "camp stove",
    "fleece pullover",
    "headlamp",
    "trekking poles",
    "coffee subscription box",
    "espresso grinder",
)

COMPANIES = (
    ("Northwind Traders", "northwind.example"),
    ("Bluebird Coffee Co.", "bluebirdcoffee.example"),
    ("Harbor Freightways", "harborfreight.example"),
    ("Summit Health Partners", "summithealth.example"),
    ("Lumen Design Studio", "lumendesign.example"),
)

AGENTS = (
    ("Maya Chen", "maya.chen"),
    ("Daniel Okoro", "daniel.okoro"),
    ("Sara Lindgren", "sara.lindgren"),
    ("Tom Becker", "tom.becker"),
    ("Lucia Alvarez", "lucia.alvarez"),
    ("Ravi Menon", "ravi.menon"),
    ("Hannah Weiss", "hannah.weiss"),
    ("Marcus Reid", "marcus.reid"),
    ("Aiko Yamada", "aiko.yamada"),
    ("Jonas Berg", "jonas.berg"),
)

TEAMS = ("Tier 1 Support", "Billing", "Escalations")

QUEUES = (
    ("Email Support", "Inbound email from customers", 2),
    ("Live Chat", "Chat and SMS conversations", 1),
    ("VIP Customers", "Gold and platinum loyalty members", 0),
)

BRANDS = (("Sandbox Outfitters", "#1f6feb"), ("Trailhead Coffee", "#8b5e34"))

TAGS = _words(
    "billing refund shipping-delay damaged-item returns password-reset vip feedback bug "
    "order-status exchange subscription cancellation urgent wholesale"
)

SHORTCUTS = (
    ("Greeting", "Hi {first}, thanks for reaching out to Sandbox Outfitters!"),
    ("Refund processed", "Your refund has been processed and should post in 3-5 business days."),
    ("Tracking info", "Here is your tracking link - the carrier updates it every few hours."),
    ("Password reset", "Use the 'Forgot password' link on the sign-in page to get a reset email."),
    ("Return label", "I've emailed you a prepaid return label. Drop it at any carrier location."),
    ("Closing", "Is there anything else I can help with today? Have a great day!"),
    ("Escalation handoff", "I'm passing this to our escalations team, who will reply within 24h."),
    ("Subscription pause", "I've paused your subscription; it will resume automatically."),
)

TOPICS: tuple[dict[str, tuple[str, ...]], ...] = (
    {
        "subject": ("Where is my order {order}?", "Order {order} hasn't arrived"),
        "tags": ("order-status", "shipping-delay"),
        "in": (
            "Hi, I ordered the {product} last week and the tracking hasn't updated since Monday.",
            "My order {order} was supposed to arrive yesterday. Can you check where it is?",
        ),
        "out": (
            "Hi {first}, I checked with the carrier - order {order} is at the regional hub.",
            "Thanks for your patience, {first}. The package was delayed by weather.",
        ),
        "note": ("Carrier confirmed delay at the hub.", "Offered a 10% code for the delay."),
    },
    {
        "subject": ("Refund for order {order}", "Requesting a refund"),
        "tags": ("refund", "billing"),
        "in": (
            "I returned the {product} two weeks ago but I still don't see the refund.",
            "Could you refund order {order}? It didn't fit and I sent it back.",
        ),
        "out": (
            "Hi {first}, the return was received and I've issued the refund today.",
            "I can see the return in our warehouse, {first}. Refund is on its way.",
        ),
        "note": ("Refund issued to original card.", "Return received, inspected, OK."),
    },
    {
        "subject": ("Item arrived damaged", "Broken {product}"),
        "tags": ("damaged-item", "exchange"),
        "in": (
            "The {product} arrived with a crack along the side. Photos attached.",
            "Box was crushed and the {product} inside is damaged. What can I do?",
        ),
        "out": (
            "I'm sorry about that, {first}! A replacement {product} ships out today.",
            "Thanks for the photos, {first}. I've set up a free exchange for you.",
        ),
        "note": ("Photos show transit damage; claim filed.", "Replacement order created."),
    },
    {
        "subject": ("Can't log in to my account", "Password reset email never came"),
        "tags": ("password-reset",),
        "in": (
            "I keep getting 'invalid password' and the reset email never shows up.",
            "I'm locked out of my account after too many attempts, please help.",
        ),
        "out": (
            "Hi {first}, I've unlocked your account and sent a fresh reset link.",
            "The reset email went to spam for some customers - could you check there?",
        ),
        "note": ("Account unlocked manually.", "Customer found reset mail in spam."),
    },
    {
        "subject": ("Question about my subscription", "Pause my coffee subscription"),
        "tags": ("subscription",),
        "in": (
            "I'm travelling next month - can I pause my subscription until I'm back?",
            "How do I change the delivery day for my coffee subscription?",
        ),
        "out": (
            "Done, {first}! Your subscription is paused and will resume on the 1st.",
            "You can change the delivery day under Account > Subscriptions, {first}.",
        ),
        "note": ("Paused subscription for one cycle.",),
    },
    {
        "subject": ("Cancel my order {order}", "Please cancel before it ships"),
        "tags": ("cancellation", "urgent"),
        "in": (
            "I placed order {order} by mistake, can you cancel it before it ships?",
            "Please cancel my order, I found the {product} locally.",
        ),
        "out": (
            "Caught it in time, {first} - order {order} is cancelled and refunded.",
            "Unfortunately it already shipped, {first}, but returns are free.",
        ),
        "note": ("Cancelled in warehouse system before pick.",),
    },
    {
        "subject": ("Wrong size in my order", "Exchange for a different size"),
        "tags": ("exchange", "returns"),
        "in": (
            "The {product} runs small. Can I exchange it for the next size up?",
            "I'd like to swap the {product} for a different color, is that possible?",
        ),
        "out": (
            "Absolutely, {first}. I've emailed a prepaid label for the exchange.",
            "Happy to help, {first}! The new size ships as soon as we scan the return.",
        ),
        "note": ("Exchange created, label sent.",),
    },
    {
        "subject": ("Charged twice for order {order}", "Duplicate charge on my card"),
        "tags": ("billing", "urgent"),
        "in": (
            "My card was charged twice for order {order}. Please fix this.",
            "I see two identical charges from you this morning.",
        ),
        "out": (
            "Hi {first}, one charge was an authorization hold; it drops off in 2 days.",
            "You're right, {first} - I've refunded the duplicate charge.",
        ),
        "note": ("Duplicate auth, voided in payment console.", "Escalated to billing team."),
    },
    {
        "subject": ("Feedback on the {product}", "Loving my new {product}"),
        "tags": ("feedback",),
        "in": (
            "Just wanted to say the {product} has been great on my trips this month!",
            "The {product} is good but the zipper feels flimsy. Any plans to improve it?",
        ),
        "out": (
            "That's so great to hear, {first}! I've shared it with our product team.",
            "Thanks for the honest feedback, {first}. I've passed it to the designers.",
        ),
        "note": ("Logged in product feedback board.",),
    },
    {
        "subject": ("Bulk order for our team", "Wholesale pricing question"),
        "tags": ("wholesale", "vip"),
        "in": (
            "We'd like 40 units of the {product} for our staff. Do you offer volume pricing?",
            "Is there a wholesale account for companies ordering more than 25 items?",
        ),
        "out": (
            "Hi {first}, yes - orders over 25 units get 15% off. I'll send a quote.",
            "We do! I've set up a wholesale account for you, {first}.",
        ),
        "note": ("Sent quote for 40 units.", "Wholesale account approved by Tom."),
    },
)
"""Conversation topics: subject lines, tag names, inbound and outbound lines, note bodies."""

CLOSINGS_IN = (
    "Thanks so much, that's perfect.",
    "Great, thank you for the quick help!",
    "Got it, appreciate it.",
    "Perfect, have a good one.",
)

CLOSINGS_OUT = (
    "Glad I could help, {first}! Have a great day.",
    "Anything else I can help with? Otherwise I'll close this out.",
    "You're all set, {first}. Reach out anytime.",
)
