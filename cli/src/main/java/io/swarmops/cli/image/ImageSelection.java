package io.swarmops.cli.image;

import io.swarmops.cli.Filters;
import io.swarmops.cli.image.ImageStatus.Status;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.registry.ImageName;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which services follow their tags: those named (all when none is), matching {@code --filter},
 * not {@code --exclude}d, not opted out by the label {@value #LABEL}{@code =false}; with
 * {@code --label-enable}, only those opted in with {@value #LABEL}{@code =true}. A service pinned to
 * a digest with no tag has nothing to follow.
 */
public final class ImageSelection {
    /** The opt-in/opt-out label. */
    public static final String LABEL = "io.swarmops.update-images";

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to check (default: all)")
    List<String> services = new ArrayList<>();

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Only services matching this filter (label=K=V, name=N, ...)")
    List<String> filters = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "SERVICE", description = "Leave this service alone (repeatable)")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--label-enable", description = "Only services labelled " + LABEL + "=true")
    boolean labelEnable;

    /** A service and, when it is left alone, why. */
    record Chosen(Service service, ImageName image, ImageStatus skipped) {
    }

    /** The selected services, in name order, each either to check or skipped with its reason. */
    List<Chosen> select(SwarmGateway gateway) {
        List<Service> all = new ArrayList<>(gateway.services(Filters.parse(filters)));
        if (!services.isEmpty()) {
            List<Service> named = new ArrayList<>();
            for (String ref : services) {
                Service s = all.stream().filter(v -> v.name().equals(ref) || v.id().equals(ref)).findFirst()
                        .orElseThrow(() -> filters.isEmpty() ? SwarmOpsException.notFound("service", ref)
                                : SwarmOpsException.notFound("service matching " + String.join(", ", filters), ref));
                if (!named.contains(s)) {
                    named.add(s);
                }
            }
            all = named;
        }
        all.sort(java.util.Comparator.comparing(Service::name));
        List<Chosen> chosen = new ArrayList<>();
        for (Service s : all) {
            if (exclude.contains(s.name()) || exclude.contains(s.id())) {
                continue;
            }
            String label = s.labels().getOrDefault(LABEL, "");
            String image = s.image();
            int at = image.indexOf('@');
            String digest = at < 0 ? "" : image.substring(at + 1);
            ImageStatus status = new ImageStatus(s.name(), s.id(), at < 0 ? image : image.substring(0, at), digest, "", Status.skipped, "");
            if (label.equalsIgnoreCase("false")) {
                chosen.add(new Chosen(s, null, status.with(Status.skipped, "opted out: " + LABEL + "=false")));
                continue;
            }
            if (labelEnable && !label.equalsIgnoreCase("true")) {
                chosen.add(new Chosen(s, null, status.with(Status.skipped, "not opted in (" + LABEL + "=true) under --label-enable")));
                continue;
            }
            ImageName name;
            try {
                name = ImageName.parse(image);
            } catch (SwarmOpsException e) {
                chosen.add(new Chosen(s, null, status.with(Status.skipped, e.getMessage())));
                continue;
            }
            if (name.tag() == null) {
                chosen.add(new Chosen(s, null, status.with(Status.skipped, "pinned to a digest, no tag to follow")));
                continue;
            }
            chosen.add(new Chosen(s, name, new ImageStatus(s.name(), s.id(), name.familiarTagged(), digest, "", Status.unchanged, "")));
        }
        return chosen;
    }
}
