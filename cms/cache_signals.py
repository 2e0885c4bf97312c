"""Publishing, unpublishing, moving or deleting a page, and saving any teaching snippet, invalidates the shared
anonymous page cache: the cache is versioned, so one increment makes every cached page stale at once. Page and
site changes also make the header menu (cms.navigation) read again."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.pagecache import invalidate_page_cache

from .models import ExerciseSet, ExerciseSetItem, GlossaryTerm, Scenario, Statement, StatementSet
from .navigation import menu_changed

_SNIPPETS = (Scenario, ExerciseSet, ExerciseSetItem, StatementSet, Statement, GlossaryTerm)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(**kwargs) -> None:
    invalidate_page_cache()
    menu_changed()


def _site_or_page_removed(sender, **kwargs) -> None:
    invalidate_page_cache()
    menu_changed()


def _snippet_changed(sender, **kwargs) -> None:
    invalidate_page_cache()


for _model in _SNIPPETS:
    post_save.connect(_snippet_changed, sender=_model, dispatch_uid=f"pagecache-save-{_model.__name__}")
    post_delete.connect(_snippet_changed, sender=_model, dispatch_uid=f"pagecache-delete-{_model.__name__}")
post_delete.connect(_site_or_page_removed, sender="wagtailcore.Page", dispatch_uid="pagecache-page-delete")
# Sites decide which page tree a host serves; the page cache also keeps the site lookup.
post_save.connect(_site_or_page_removed, sender="wagtailcore.Site", dispatch_uid="pagecache-site-save")
post_delete.connect(_site_or_page_removed, sender="wagtailcore.Site", dispatch_uid="pagecache-site-delete")
# A view restriction added to a live page must take it out of the cache at once.
post_save.connect(_snippet_changed, sender="wagtailcore.PageViewRestriction", dispatch_uid="pagecache-restrict")
post_delete.connect(_snippet_changed, sender="wagtailcore.PageViewRestriction", dispatch_uid="pagecache-unrestrict")
