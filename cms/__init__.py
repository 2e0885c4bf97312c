"""What is taught: the Wagtail pages (home, lessons, parents' guide, dialogue kit, glossary, content pages), the
snippets (example posts, exercise sets, statement sets, glossary terms), their blocks and admin, image uploads,
the header menu, and the loader of the Dutch content set in cms/content/. Imports only `core`."""
