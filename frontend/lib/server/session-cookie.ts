// The JWT lives in this httpOnly, SameSite=Strict cookie: page scripts cannot read it, other
// sites cannot make the browser send it, and the /api proxy turns it into a Bearer header.
export const SESSION_COOKIE = "evoting_session";
