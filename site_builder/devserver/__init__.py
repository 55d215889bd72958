"""The live preview (`python build.py serve`): rebuild on save, reload the open page.

watch.py notices changed files, site_builder.incremental rebuilds what they affect, and
server.py serves output/ over HTTP with the livereload protocol (the `livereload`
package's handler and browser script). The reload script is added to HTML responses as
they are sent, never written into output/; a content error is shown in the browser as
an error page until the file is fixed.
"""
