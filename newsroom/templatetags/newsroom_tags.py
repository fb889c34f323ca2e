from django import template

register = template.Library()


@register.filter
def columns(value):
    """1.6 columns, 1 column, 0 columns (one decimal)."""
    try:
        number = round(float(value), 1)
    except (TypeError, ValueError):
        return ""
    text = f"{number:g}"
    return f"{text} column" if text == "1" else f"{text} columns"


@register.filter
def words_of(rows):
    return sum(row.words for row in rows if row.in_print)


@register.filter
def percent(part, whole):
    try:
        return max(0, min(100, round(100 * part / whole)))
    except (TypeError, ZeroDivisionError):
        return 0
