package dsmart.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Create and fill the source systems (CRM, orders, finance) with a seeded company. Replaces what they held.")
final class GenerateCommand extends StageCommand {
    @Option(names = "--scale", description = "Company size; 1 = 2,000 customers and about 17,000 orders and 43,000 order lines over 18 months (setting generator.scale).")
    Integer scale;

    @Option(names = "--seed", description = "Random seed; same seed, same data (setting generator.seed).")
    Integer seed;

    @Override
    public Integer call() {
        Map<String, String> options = new LinkedHashMap<>();
        if (scale != null) {
            options.put("generator.scale", scale.toString());
        }
        if (seed != null) {
            options.put("generator.seed", seed.toString());
        }
        Stages.generate(settings(options));
        return 0;
    }
}
