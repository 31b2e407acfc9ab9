// The Kusto language service inside the kusto worker is a Bridge.NET build that registers itself
// on `global` (Node's name for the global object), which a browser worker does not have. This has
// to run before that code is evaluated, so it is a module of its own imported first: statements
// written above an `import` in the same file run only after every import has been evaluated.
(self as unknown as { global: unknown }).global = self;

export {};
