package dsmart.web;

import io.javalin.security.RouteRole;

/**
 * The role a public route declares (login form, health check, page assets). A route that declares no role at
 * all is not public: it fails the start-up check ({@link RouteRegistry#verify}) and, should one slip through,
 * the guard ({@link Access#decide}) denies it.
 */
enum Public implements RouteRole {
    ANYONE
}
