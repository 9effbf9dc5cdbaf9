"""The Sphinx side: state, docnames, parsing, rendering and the HTML writer."""
