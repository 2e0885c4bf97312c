"""Content Security Policy: strict for the public site, looser only where Wagtail's admin needs it.

The public pages run no inline script or style (htmx runs with eval off and without its injected indicator
styles). Wagtail's admin relies on inline scripts and styles, so /admin/ gets its own policy, still limited to this
host.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.csp import CSP

PUBLIC_POLICY = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

ADMIN_POLICY = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# A preview in the admin shows a page exactly as the public sees it (same strict policy), but inside the admin's
# preview panel: only there may this origin frame it.
PREVIEW_POLICY = {**PUBLIC_POLICY, "frame-ancestors": [CSP.SELF]}

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class AdminPolicyMiddleware:
    """Sits inside Django's CSP middleware and hands it the admin policy for admin URLs.

    Wagtail renders a preview by sending a dummy request for the page's public URL through the whole middleware
    chain (`request.is_dummy`); its response becomes the admin's preview response as is. Without the preview policy
    that response carried the public frame-ancestors 'none' and the admin's own preview panel could not show it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "is_dummy", False):
            response._csp_config = PREVIEW_POLICY
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        elif request.path.startswith(ADMIN_PREFIXES):
            response._csp_config = ADMIN_POLICY
        return response
