"""Wagtail's snippets, images, documents and redirects apps, without the registration of Wagtail's API v3.

Wagtail 8 registers routers for its optional API v3 in the ready() of these four apps, whether or not a site mounts
that API. Registering imports django-ninja and builds pydantic models: about 30 MiB in the gunicorn master and
10 MiB in every worker (measured with `make bench`). This site does not mount the API v3 (nor v2), so these app
configs run Wagtail's own ready() while every module under an `.api.v3` package is a stand-in that ignores all it is
asked. Everything else those ready() methods do (permission policies, signal handlers, snippet registration, the
reference index) runs unchanged. tests/test_worker_footprint.py checks that the API stays out,
tests/cms/test_wagtail_apps.py that the rest still happens.

Fails safe: should a Wagtail release move the registration elsewhere, the real modules load and only the memory is
lost. To mount the API v3 one day, list Wagtail's own app configs in INSTALLED_APPS again.
"""

import importlib.abc
import importlib.machinery
import sys
import types
from contextlib import contextmanager

from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig


def _is_api_v3(module_name: str) -> bool:
    return module_name.startswith("wagtail.") and ".api.v3." in f"{module_name}."


class _Ignored:
    """Any attribute of a stand-in module, and anything called on it: `api.add_router(...)`, `router`,
    `register_content_types()` all come to nothing."""

    def __getattr__(self, name: str) -> "_Ignored":
        return self

    def __call__(self, *args, **kwargs) -> "_Ignored":
        return self


_IGNORED = _Ignored()


class _StandInLoader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = types.ModuleType(spec.name)
        module.__getattr__ = lambda name: _IGNORED  # a module-level __getattr__ (PEP 562)
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        pass


def _is_stand_in(module: object) -> bool:
    # sys.modules may hold None or lazy objects too: look only at plain modules, without calling their getattr.
    return type(module) is types.ModuleType and isinstance(module.__dict__.get("__loader__"), _StandInLoader)


class _StandInFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if _is_api_v3(fullname):
            return importlib.machinery.ModuleSpec(fullname, _StandInLoader(), is_package=True)
        return None


@contextmanager
def _api_v3_stood_in():
    finder = _StandInFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        # Forget the stand-ins, so that a later import of those modules, if any, gets the real ones.
        stand_ins = {name: module for name, module in sys.modules.items() if _is_stand_in(module)}
        for name, module in stand_ins.items():
            del sys.modules[name]
            parent, _, child = name.rpartition(".")
            parent_module = sys.modules.get(parent)
            if parent_module is not None and vars(parent_module).get(child) is module:
                delattr(parent_module, child)


class _WithoutApiV3:
    def ready(self):
        with _api_v3_stood_in():
            super().ready()


class SnippetsConfig(_WithoutApiV3, WagtailSnippetsAppConfig):
    pass


class ImagesConfig(_WithoutApiV3, WagtailImagesAppConfig):
    pass


class DocumentsConfig(_WithoutApiV3, WagtailDocsAppConfig):
    pass


class RedirectsConfig(_WithoutApiV3, WagtailRedirectsAppConfig):
    pass
