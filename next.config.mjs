/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules stay outside the server bundle.
  serverExternalPackages: ["bcrypt", "better-sqlite3", "@prisma/adapter-better-sqlite3", "pg"],
  poweredByHeader: false,
  // The app has no images to optimize: /_next/image answers 404 instead of fetching and
  // resizing whatever URL it is given (it answered 500 for a page's address).
  images: { unoptimized: true },
  typedRoutes: false,
};

export default nextConfig;
