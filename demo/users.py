"""The demo's users: one per newsroom role, all with the demo password (README, "Two commands")."""

from newsroom import roles
from sellers.models import SELLERS_GROUP

DEMO_PASSWORD = "solidarity"  # noqa: S105 (the documented demo password)
DEMO_USERS = [
    # username, first name, last name, group (a series' editors by the series' slug)
    ("writer", "Wren", "Writer", roles.WRITERS),
    ("subeditor", "Sam", "Subeditor", roles.SUB_EDITORS),
    ("editor", "Eddie", "Editor", roles.EDITORS),
    ("tubeworker", "Tia", "Tubeworker", ("series", "tubeworker")),
    ("seller", "Sol", "Seller", SELLERS_GROUP),
]
SELLER_AREA = "South London"
