"""Private responses, defined once: every page with personal data (a teacher's class, a student's work, a host's
session, an attempt, a phone's place on the line) tells browsers and proxies to keep no copy."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control

# Longer "come back here" addresses are cut to the path: Django refuses to redirect to a very long address (a 400).
MAX_NEXT_LENGTH = 1000

# As a view decorator.
private = cache_control(private=True, no_store=True)


def make_private(response: HttpResponse) -> HttpResponse:
    """The same for a response built by hand (a poll's 204, a fragment)."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def redirect_to_login(request: HttpRequest, login_url: str) -> HttpResponse:
    """To the login page, which sends the visitor back here afterwards (without the query string if it is long)."""
    back = request.get_full_path()
    if len(back) > MAX_NEXT_LENGTH:
        back = request.path
    return HttpResponseRedirect(f"{login_url}?{urlencode({'next': back})}")


class lazy_view:  # noqa: N801 - used like a function in URL maps
    """A view imported on its first request, for views whose modules load large libraries (SAML, OpenID Connect)
    that most workers never need. `lazy_view.module("pkg.views").name` stands in for `pkg.views.name` in a URL map.

    CSRF is decided as Django's middleware would decide it for the real view: the stand-in is exempt for the
    middleware, and runs the middleware's own check itself unless the real view is exempt too."""

    def __init__(self, module: str, name: str):
        self.module, self.name = module, name
        self.csrf_exempt = True
        self.__name__ = self.__qualname__ = name
        self.__module__ = module

    @classmethod
    def module(cls, dotted: str) -> "_LazyModule":
        return _LazyModule(dotted)

    def __call__(self, request, *args, **kwargs):
        from importlib import import_module

        from django.middleware.csrf import CsrfViewMiddleware

        view = getattr(import_module(self.module), self.name)
        if not getattr(view, "csrf_exempt", False):
            refused = CsrfViewMiddleware(lambda r: None).process_view(request, view, args, kwargs)
            if refused is not None:
                return refused
        return view(request, *args, **kwargs)


class _LazyModule:
    def __init__(self, dotted: str):
        self._dotted = dotted

    def __getattr__(self, name: str) -> lazy_view:
        return lazy_view(self._dotted, name)
