"""The paper's models: pages in pages.py, snippets in snippets.py."""

from .pages import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    ArticlePageQuerySet,
    ArticleTag,
    InsertPage,
    IssueIndexPage,
    IssuePage,
)
from .snippets import Author, Section

__all__ = [
    "ArticleAuthor",
    "ArticleCorrection",
    "ArticlePage",
    "ArticlePageQuerySet",
    "ArticleTag",
    "Author",
    "InsertPage",
    "IssueIndexPage",
    "IssuePage",
    "Section",
]
