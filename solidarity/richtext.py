"""The rich-text editor's widget, tolerant of what a hand-built POST puts in its place."""

from wagtail.admin.rich_text import DraftailRichTextArea


class TolerantDraftailRichTextArea(DraftailRichTextArea):
    """Draftail posts its content as JSON; a request that posts HTML or junk instead would
    make Wagtail's widget raise (a 500). Such a value is read as HTML, as if pasted into the
    editor: only the field's features survive (no script, no attributes it does not allow),
    and none of the text is lost."""

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError):
            posted = data.get(name, "")
            contentstate = self.converter.from_database_format(str(posted))
            return self.converter.to_database_format(contentstate)
