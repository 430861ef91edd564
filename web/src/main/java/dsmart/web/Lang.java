package dsmart.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Locale;

/**
 * The page languages. Chosen per request by the {@code lang} parameter (which also sets the
 * {@value #COOKIE} cookie), else that cookie, else the browser's Accept-Language, else Simplified Chinese.
 */
enum Lang {
    ZH_CN("zh-CN"),
    EN("en");

    static final String COOKIE = "dsmart_lang";
    static final Lang DEFAULT = ZH_CN;
    private static final String ATTRIBUTE = "dsmart.web.lang";

    final String tag;

    Lang(String tag) {
        this.tag = tag;
    }

    /** The language of a tag such as zh, zh-CN, zh_cn, en-GB; null when none fits. */
    static Lang ofTag(String text) {
        if (text == null) {
            return null;
        }
        String tag = text.strip().replace('_', '-').toLowerCase(Locale.ROOT);
        if (tag.equals("zh") || tag.startsWith("zh-")) {
            return ZH_CN;
        }
        if (tag.equals("en") || tag.startsWith("en-")) {
            return EN;
        }
        return null;
    }

    /** The first supported language of an Accept-Language header, by its q-values; null when none. */
    static Lang ofAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Lang best = null;
        double bestQ = 0;
        for (String part : header.split(",")) {
            String[] pieces = part.split(";");
            Lang lang = ofTag(pieces[0]);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (lang != null && q > bestQ) {
                best = lang;
                bestQ = q;
            }
        }
        return best;
    }

    /** The language of this request (worked out once); a valid {@code lang} parameter is remembered in a cookie. */
    static Lang of(Context ctx) {
        Lang known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        Lang lang = resolve(ctx);
        ctx.attribute(ATTRIBUTE, lang);
        return lang;
    }

    private static Lang resolve(Context ctx) {
        Lang asked = ofTag(ctx.queryParam("lang"));
        if (asked != null) {
            // name, value, path, max age, secure, HttpOnly, domain, SameSite
            ctx.cookie(new Cookie(COOKIE, asked.tag, "/", 365 * 24 * 3600, false, true, null, SameSite.LAX));
            return asked;
        }
        Lang remembered = ofTag(ctx.cookie(COOKIE));
        if (remembered != null) {
            return remembered;
        }
        Lang accepted = ofAcceptLanguage(ctx.header("Accept-Language"));
        return accepted != null ? accepted : DEFAULT;
    }
}
