// Placeholder so the library links before the scheduler lands.
