// Map files bundled as data (esbuild and vite import JSON as a parsed value).
declare module "*.journey.json" {
  const doc: unknown;
  export default doc;
}
