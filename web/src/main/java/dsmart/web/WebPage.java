package dsmart.web;

import java.util.List;
import java.util.Set;

/**
 * One page of the dashboard. Adding a page takes this class, its body template
 * {@code /dsmart/web/pages/<id>.html} and its API route(s); list it in {@link WebApp#PAGES}. The app then
 * serves {@link #path()} to the page's roles inside the common layout (navigation, language switch, logout,
 * data freshness), shows it in the navigation of those roles, and lists page and API in /openapi.json.
 * Labels go to {@code /dsmart/web/i18n/messages_*.properties}: {@code nav.<id>} and {@code page.<id>.title}
 * at least.
 */
interface WebPage {
    /** Lower case letters and '_': names the template, the labels and the navigation entry. */
    String id();

    String path();

    /** Who may see the page; its API routes declare their own roles (usually the same). */
    Set<Role> roles();

    /** Scripts the page needs besides /assets/app.js (WebJars, /assets/...), in load order. */
    default List<String> scripts() {
        return List.of();
    }

    /** Declares the page's API routes. */
    void routes(RouteRegistry routes, WebContext web);
}
