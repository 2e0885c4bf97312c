import unicodedata

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .models import ContentPage, DialogueKitPage, GlossaryTerm, LessonPage, ParentGuidePage
from .selectors import statement_set_for_signs

SEARCHABLE_PAGES = (LessonPage, ParentGuidePage, DialogueKitPage, ContentPage)
MAX_QUERY_LENGTH = 100


def search_terms(raw: str) -> str:
    """What we search for: control characters become spaces (PostgreSQL refuses a NUL in a query), and so do
    double quotes (SQLite's full-text search fails on one without its partner); runs of spaces become one, and a
    query longer than the search box allows is cut to its length."""
    printable = "".join(" " if char == '"' or unicodedata.category(char).startswith("C") else char for char in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search the lessons, the guides and the glossary (PostgreSQL full-text search on PostgreSQL)."""
    query = search_terms(request.GET.get("q", ""))
    pages, terms, page_obj = [], [], None
    if query:
        terms = list(get_search_backend().search(query, GlossaryTerm)[:5])
        results = Page.objects.live().public().type(*SEARCHABLE_PAGES).specific().search(query)
        paginator = Paginator(results, 10)
        page_obj = paginator.get_page(request.GET.get("pagina"))  # tolerates junk and out-of-range numbers
        pages = list(page_obj.object_list)
    context = {"query": query, "pages": pages, "terms": terms, "page_obj": page_obj}
    template = "pages/search.html#results" if request.htmx else "pages/search.html"
    return render(request, template, context)


@require_GET
def statement_signs(request: HttpRequest, key: str) -> HttpResponse:
    """Printable signs for a statement set, one statement per A4 landscape page in large type with both poles:
    a library hangs them along the line on the floor. Public, as the kit that links to it."""
    statement_set = statement_set_for_signs(key=key)
    if statement_set is None:
        raise Http404("Deze stellingen bestaan niet.")
    return render(request, "cms/statement_signs.html", {"statement_set": statement_set})
