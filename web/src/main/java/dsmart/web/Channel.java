package dsmart.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The sales channels of mart.sales_monthly: the code the mart stores and its label (messages channel.<code>). */
enum Channel {
    PHONE("phone", "电话销售"),
    ONLINE("online", "网络销售"),
    DOOR_TO_DOOR("door_to_door", "上门拜访");

    private final String code;
    private final String label;

    Channel(String code, String label) {
        this.code = code;
        this.label = label;
    }

    String code() {
        return code;
    }

    String label() {
        return label;
    }

    /** The channel with that code, or null. */
    static Channel ofCode(String code) {
        for (Channel channel : values()) {
            if (channel.code.equals(code)) {
                return channel;
            }
        }
        return null;
    }

    /** The label for a code as the mart stores it; an unknown code is shown as it is. */
    static String labelOf(String code) {
        Channel channel = ofCode(code);
        return channel == null ? code : channel.label;
    }

    /** The label in a page language; an unknown code is shown as it is. */
    static String labelOf(String code, Lang lang) {
        return ofCode(code) == null ? code : Messages.get(lang, "channel." + code);
    }

    /** code → label in a page language, in display order. */
    static Map<String, String> labels(Lang lang) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Channel channel : values()) {
            labels.put(channel.code, Messages.get(lang, "channel." + channel.code));
        }
        return labels;
    }

    static String codes() {
        return Arrays.stream(values()).map(Channel::code).collect(Collectors.joining(", "));
    }

    /** code → label, in display order. */
    static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Channel channel : values()) {
            labels.put(channel.code, channel.label);
        }
        return labels;
    }
}
