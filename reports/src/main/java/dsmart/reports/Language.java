package dsmart.reports;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The languages a pack is written in; labels come from resource bundles, data (names) stays as stored. */
public enum Language {
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
    EN("en", Locale.ENGLISH);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The BCP 47 tag: {@code zh-CN} or {@code en}. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** {@code zh-CN} (also {@code zh}, {@code zh_CN}) or {@code en}, any case. */
    public static Language parse(String text) {
        String value = text == null ? "" : text.strip().replace('_', '-');
        for (Language language : values()) {
            if (language.tag.equalsIgnoreCase(value)) {
                return language;
            }
        }
        if (value.equalsIgnoreCase("zh")) {
            return ZH_CN;
        }
        throw new IllegalArgumentException("language \"" + value + "\" is not one of "
                + Arrays.stream(values()).map(Language::tag).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return tag;
    }
}
