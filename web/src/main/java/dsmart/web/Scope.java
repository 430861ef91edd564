package dsmart.web;

/**
 * The rows a user may read. A {@link Role#REGION_MANAGER} is limited to one region; everyone else who may
 * use a page reads every region. APIs apply the scope in their SQL WHERE clause, as a bound parameter, never
 * in the browser. A region manager who asks for another region is refused (403), so a figure on the screen
 * is never mistaken for another region's.
 */
record Scope(String region) {
    static final Scope ALL = new Scope(null);

    static Scope of(WebUser user) {
        return user != null && user.role() == Role.REGION_MANAGER ? new Scope(user.region()) : ALL;
    }

    boolean limited() {
        return region != null;
    }

    /**
     * The region to read for a request that asked for {@code asked} (null: not asked): the asked one, or the
     * scope's region when limited.
     *
     * @throws ForbiddenException when a limited user asks for another region
     */
    String region(String asked) {
        if (!limited()) {
            return asked;
        }
        if (asked != null && !asked.equals(region)) {
            throw new ForbiddenException("parameter region=" + asked + " is outside your scope: you may read region "
                    + region + " only");
        }
        return region;
    }
}
