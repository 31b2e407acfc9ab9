// Kusto.Language's Bridge.NET scripts register themselves on `global` (Node's name for the global
// object) when they see a CommonJS `module`, which is how the bundler wraps them; a worker has no
// `global`. A module of its own, imported first: code above an `import` runs after the imports.
(self as unknown as { global: unknown }).global = self;

export {};
