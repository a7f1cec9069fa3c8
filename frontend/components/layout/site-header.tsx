import Link from "next/link";
import { getSession } from "@/lib/server/session";
import { NavLink } from "./nav-link";

export async function SiteHeader() {
  const session = await getSession();
  return (
    <header className="site-header">
      <div className="inner">
        <Link className="brand" href="/">EVoting</Link>
        <nav className="site-nav" aria-label="Main">
          <ul>
            <li><NavLink href="/">Elections</NavLink></li>
            <li><NavLink href="/receipt">Track a vote</NavLink></li>
            <li><NavLink href="/explorer">Explorer</NavLink></li>
            {session.isAdmin && <li><NavLink href="/admin">Admin</NavLink></li>}
            {session.user ? (
              <>
                <li className="who">Signed in as {session.user.full_name || session.user.email}</li>
                <li>
                  <form action="/api/auth/logout" method="post">
                    <button type="submit" className="link-button">Log out</button>
                  </form>
                </li>
              </>
            ) : (
              <>
                <li><NavLink href="/login">Log in</NavLink></li>
                <li><NavLink href="/register">Register</NavLink></li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
