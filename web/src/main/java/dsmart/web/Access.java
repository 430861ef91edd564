package dsmart.web;

import io.javalin.security.RouteRole;
import java.util.Set;

/** The role check as a pure function of the roles a route declares and the logged-in user (or null). */
final class Access {
    enum Decision {
        /** Let the request through. */
        ALLOW,
        /** The route declares no role: denied, whoever asks (never reached when the start-up check ran). */
        UNDECLARED,
        /** The route needs a logged-in user and there is none. */
        LOGIN,
        /** The user's role is not among the route's roles. */
        FORBIDDEN
    }

    private Access() {}

    static Decision decide(Set<? extends RouteRole> declared, WebUser user) {
        if (declared == null || declared.isEmpty()) {
            return Decision.UNDECLARED;
        }
        if (declared.contains(Public.ANYONE)) {
            return Decision.ALLOW;
        }
        if (user == null) {
            return Decision.LOGIN;
        }
        return declared.contains(user.role()) ? Decision.ALLOW : Decision.FORBIDDEN;
    }
}
