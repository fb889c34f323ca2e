"""The flatplan: an issue's articles in print order, their state, and the space each needs.

Three steps, a module each: `loading` reads the issue's articles with the copy print would
use (a fixed number of queries), `estimate` counts each story's space with the print
templates' own type sizes and measures (printing/typesetting.py), and `layout` places the
stories on pages as the print template does. Workflow states are newsroom/states.py's.
"""

from printing.documents import profile_for

from .estimate import Estimator, Geometry
from .layout import Plan, Row, build_rows, lay_out
from .loading import image_sizes, load_rows

__all__ = ["Geometry", "Plan", "Row", "issue_flatplan"]


def issue_flatplan(issue, profile=None):
    """The flatplan of `issue` with `profile` (by default the one its print job would use)."""
    profile = profile or profile_for(issue)
    geometry = Geometry.for_profile(profile)
    articles, inserts, copies = load_rows(issue)
    ids = [issue.cover_image_id]
    for copy, _, _ in copies.values():
        ids.extend(copy.image_ids())
    estimator = Estimator(geometry, image_sizes(ids))
    rows = build_rows(articles, inserts, copies)
    plan = Plan(issue=issue, profile=profile, geometry=geometry, rows=rows)
    return lay_out(plan, estimator)
