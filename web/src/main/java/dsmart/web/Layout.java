package dsmart.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frame every page shares: title, navigation (the pages the user's role may see), user and role,
 * language switch, logout, the error line and the data-freshness footer. The page's body template is filled
 * with its labels and put inside; the scripts get their labels and settings from the {@code page-data}
 * JSON element.
 */
final class Layout {
    static final List<String> PARTIALS = List.of("generate_form");

    private final List<WebPage> pages;
    private final String layout = Templates.load("/dsmart/web/layout.html");
    private final Map<String, String> bodies = new LinkedHashMap<>();
    /** Markup several pages share: {@code /dsmart/web/partials/<name>.html}, put in a page body as {{{<name>}}}. */
    private final Map<String, String> partials = new LinkedHashMap<>();
    private final ObjectMapper json = WebApp.objectMapper();

    Layout(List<WebPage> pages) {
        this.pages = List.copyOf(requireNonNull(pages, "pages"));
        for (WebPage page : pages) {
            bodies.put(page.id(), Templates.load("/dsmart/web/pages/" + page.id() + ".html"));
        }
        for (String partial : PARTIALS) {
            partials.put(partial, Templates.load("/dsmart/web/partials/" + partial + ".html"));
        }
    }

    /** The pages a role may see, in navigation order. */
    List<WebPage> pagesFor(Role role) {
        return pages.stream().filter(p -> p.roles().contains(role)).toList();
    }

    void render(Context ctx, WebPage page, WebContext web) {
        WebUser user = web.user(ctx);
        Lang lang = Lang.of(ctx);
        String csrf = Auth.csrfToken(ctx);
        Map<String, String> labels = Templates.messages(lang);

        Map<String, String> bodyValues = new LinkedHashMap<>(labels);
        bodyValues.put("csrf", csrf);
        partials.forEach((name, partial) -> bodyValues.put(name, Templates.fill(partial, labels)));
        String body = Templates.fill(bodies.get(page.id()), bodyValues);

        StringBuilder nav = new StringBuilder();
        for (WebPage other : pagesFor(user.role())) {
            nav.append("<a href=\"").append(Templates.escape(other.path())).append("\" data-page=\"").append(other.id()).append('"')
                    .append(other == page ? " class=\"current\" aria-current=\"page\"" : "").append('>')
                    .append(Templates.escape(Messages.get(lang, "nav." + other.id()))).append("</a>");
        }
        StringBuilder scripts = new StringBuilder();
        for (String script : page.scripts()) {
            scripts.append("<script src=\"").append(Templates.escape(script)).append("\" defer></script>\n");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("page", page.id());
        data.put("lang", lang.tag);
        data.put("zone", web.config.zone().getId());
        data.put("user", user.name());
        data.put("role", user.role().name());
        data.put("region", user.region());
        data.put("messages", Messages.of(lang));

        Map<String, String> values = new LinkedHashMap<>(labels);
        values.put("lang", lang.tag);
        values.put("page", page.id());
        values.put("title", Messages.get(lang, "page." + page.id() + ".title"));
        values.put("user", user.name());
        values.put("role", Messages.get(lang, "role." + user.role().name()));
        values.put("region_block", user.region() == null ? ""
                : " · <span class=\"region\" id=\"scope-region\">" + Templates.escape(Messages.get(lang, "scope.region")
                + " " + user.region()) + "</span>");
        values.put("csrf", csrf);
        values.put("nav", nav.toString());
        values.put("scripts", scripts.toString());
        values.put("lang_links", Templates.langLinks(lang, page.path() + "?"));
        values.put("page_data", Templates.scriptJson(toJson(data)));
        values.put("body", body);
        ctx.contentType("text/html; charset=utf-8").result(Templates.fill(layout, values));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("page data cannot be written as JSON", e);
        }
    }
}
