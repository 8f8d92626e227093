// Placeholder so the library links before the ui lands.
