package dsmart.sources;

/** Word pools for generated text. Every character is in GBK (no emoji, no rare characters). */
final class Names {
    private Names() {}

    static final String[][] REGIONS = {
        {"EAST", "华东", "上海,杭州,南京,苏州,宁波"},
        {"NORTH", "华北", "北京,天津,石家庄,太原,济南"},
        {"SOUTH", "华南", "广州,深圳,厦门,南宁,海口"},
        {"CENTRAL", "华中", "武汉,长沙,郑州,南昌,合肥"},
        {"SOUTHWEST", "西南", "成都,重庆,昆明,贵阳,西安"},
    };
    static final String[] WORDS = {"华信", "宏达", "金鼎", "瑞丰", "恒通", "嘉禾", "远航", "新源", "博睿", "德隆", "鑫盛", "天宇", "中联", "汇智", "安泰", "永盛"};
    static final String[] TRADES = {"贸易", "科技", "实业", "商贸", "电子", "医药", "建材", "食品"};
    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"};
    static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建华", "志强", "海燕"};
    static final String[][] PRODUCTS = {
        {"净水器", "家电"}, {"空气净化器", "家电"}, {"扫地机器人", "家电"}, {"电饭煲", "家电"}, {"洗碗机", "家电"}, {"咖啡机", "家电"},
        {"保健茶礼盒", "食品"}, {"有机大米", "食品"}, {"坚果礼盒", "食品"}, {"橄榄油", "食品"}, {"蜂蜜", "食品"}, {"燕麦片", "食品"},
        {"护肤套装", "美妆"}, {"洗发水", "美妆"}, {"面膜", "美妆"}, {"精华液", "美妆"}, {"防晒霜", "美妆"}, {"香水", "美妆"},
        {"维生素", "保健"}, {"钙片", "保健"}, {"鱼油", "保健"}, {"蛋白粉", "保健"}, {"益生菌", "保健"}, {"按摩椅", "保健"},
        {"办公椅", "办公"}, {"打印纸", "办公"}, {"碎纸机", "办公"}, {"投影仪", "办公"}, {"文件柜", "办公"}, {"白板", "办公"},
    };
    /** Made-to-order products (production orders are scheduled for their lines). */
    static final boolean[] MADE_TO_ORDER = {
        true, false, false, false, true, false,
        false, false, false, false, false, false,
        false, false, false, false, false, false,
        false, false, false, false, false, true,
        true, false, false, false, true, false,
    };
    static final String[][] POSITIONS = {
        {"rep", "销售代表"}, {"senior_rep", "高级销售代表"}, {"supervisor", "销售主管"}, {"manager", "销售经理"},
    };
    static final String[] INDUSTRIES = {"制造业", "零售", "餐饮", "医疗", "教育", "物流", "酒店", "房地产"};
    static final String[] NEEDS = {"注重性价比", "需要上门安装", "批量采购", "关注售后服务", "偏好节日礼盒", "需要定期补货", "看重品牌", "要求快速交货"};
    static final String[] STREETS = {"人民路", "中山路", "解放路", "建设路", "和平街", "长江路", "新华路", "光明街"};
    static final String[] TITLES = {"采购经理", "总经理", "行政主管", "财务经理", "店长", "办公室主任"};
    static final String[] LEAD_SOURCES = {"online_marketing", "trade_show", "directory", "referral", "social_media"};
    static final double[] LEAD_SOURCE_WEIGHTS = {0.35, 0.15, 0.15, 0.2, 0.15};
    static final String[] CHANNELS = {"phone", "online", "door_to_door"};
    static final String[] CARRIERS = {"顺丰速运", "中通快递", "圆通速递", "京东物流", "德邦物流"};
    static final String[] CARRIER_PREFIX = {"SF", "ZT", "YT", "JD", "DB"};
    static final String[] INSPECTORS = {"质检员刘洋", "质检员陈静", "质检员赵磊", "质检员孙娜"};
    static final String[] LEGAL = {"法务部王律师", "法务部李律师", "法务部周律师"};
    static final String[] FINANCE_APPROVERS = {"财务经理张建华", "财务总监徐海燕", "信用主管胡志强"};
    static final String[] COMPLAINT_TEAM = {"投诉组马秀英", "投诉组朱明", "投诉组郭涛"};
    static final String[] TICKET_SUBJECTS = {"产品使用咨询", "安装预约", "配件更换", "物流查询", "发票问题", "产品故障报修", "退换货咨询"};
    static final String[] COMPLAINT_CATEGORIES = {"product_quality", "delivery", "service", "price", "rep_conduct"};
    static final String[] COMPLAINT_TEXT = {"产品质量有问题", "送货延迟", "服务态度差", "价格与承诺不符", "销售人员承诺未兑现"};
    static final String[] ROOT_CAUSES = {"生产批次缺陷", "物流延误", "沟通不到位", "报价失误", "培训不足"};
    static final String[] PROMISES = {"一年保修，终身维护", "七天无理由退换", "免费上门安装", "两年保修，24小时响应", "免费培训使用"};
    static final String[] COMM_SUMMARIES = {"例行电话回访", "介绍新品", "了解使用情况", "节前问候", "提供定制方案", "确认补货需求"};
    static final String[] COURSES_INTERNAL = {"产品知识培训", "销售技巧提升", "合规与职业道德", "客户关系管理"};
    static final String[] COURSES_EXTERNAL = {"商务谈判研修班", "大客户销售管理", "法律风险防范讲座"};
    static final String[] COURSES_ONLINE = {"线上产品更新课", "网络销售实务", "信息安全必修课"};
    static final String[] EXPENSE_CATEGORIES = {"travel", "entertainment", "gifts", "samples", "marketing", "phone"};
    static final double[] EXPENSE_WEIGHTS = {0.35, 0.2, 0.1, 0.1, 0.15, 0.1};
    static final String[] EXPENSE_TEXT = {"差旅费", "客户招待", "客户礼品", "样品费用", "市场推广", "通讯费"};
    static final String[] REQUIREMENTS = {"大专以上学历，两年销售经验", "本科以上学历，沟通能力强", "有直销行业经验者优先"};
}
