import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE_NAME } from './lib/session-cookie';

/**
 * An optimistic check only: without a session cookie, pages that need one go straight to the
 * sign-in page. Whether the cookie is genuine is checked next to the data, in every page and
 * action.
 */
export function proxy(request: NextRequest) {
  if (!request.cookies.has(SESSION_COOKIE_NAME)) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ['/requests/:path*', '/requests'],
};
