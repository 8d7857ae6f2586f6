// Tailwind CSS v4 through PostCSS, as create-next-app sets it up: app/globals.css is compiled at
// build time into one static stylesheet (no inline style, so the Content-Security-Policy's
// style-src stays 'self' plus the nonce).
const config = {
  plugins: { "@tailwindcss/postcss": {} },
};

export default config;
