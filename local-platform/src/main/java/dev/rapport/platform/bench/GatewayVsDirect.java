package dev.rapport.platform.bench;

import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.Stats;
import java.time.Duration;
import java.util.List;

/** Reads by id and lists through the gateway, then straight to contacts-service: the gateway's cost. */
final class GatewayVsDirect {

    private final Scenarios run;

    GatewayVsDirect(Scenarios run) {
        this.run = run;
    }

    void gatewayVsDirect() throws Exception {
        String member = "bench-reader";
        run.importDirect(member, run.sizes.readerContacts(), "reader");
        List<String> ids = run.listIds(member);
        Load.Call gatewayById = (c, seq) -> run.client.status(run.client
                .viaGateway(member, "GET", "/api/v1/contacts/" + ids.get((int) (seq % ids.size())))
                .GET()
                .build());
        Load.Call directById = (c, seq) -> run.client.status(run.client
                .direct(run.contacts, member, "GET", "/api/v1/contacts/" + ids.get((int) (seq % ids.size())))
                .GET()
                .build());
        Load.Call gatewayList = (c, seq) -> run.client.status(
                run.client.viaGateway(member, "GET", "/api/v1/contacts").GET().build());
        Load.Call directList = (c, seq) -> run.client.status(run.client
                .direct(run.contacts, member, "GET", "/api/v1/contacts")
                .GET()
                .build());
        int clients = run.sizes.compareClients();
        // Each load is warmed up right before it is measured (JIT compilers, connection pools), until its rate settles.
        Duration grace = Duration.ofSeconds(30);
        Load.Result gwId = run.warmThenMeasure("gateway-by-id", clients, run.sizes.compare(), grace, gatewayById);
        Load.Result dirId = run.warmThenMeasure("direct-by-id", clients, run.sizes.compare(), grace, directById);
        Load.Result gwList = run.warmThenMeasure("gateway-list", clients, run.sizes.compare(), grace, gatewayList);
        Load.Result dirList = run.warmThenMeasure("direct-list", clients, run.sizes.compare(), grace, directList);
        run.requireAnswers(gwId, dirId, gwList, dirList);
        double byId = gwId.rate() / dirId.rate();
        double list = gwList.rate() / dirList.rate();
        StringBuilder section = new StringBuilder("## Gateway vs the same service called directly\n\n");
        section.append("One member's ")
                .append(ids.size())
                .append(" contacts; `GET /api/v1/contacts/{id}` (a read by id, ids in turn) and `GET /api/v1/contacts`"
                        + " (the first page of 50): through the gateway with a bearer token, then straight to"
                        + " contacts-service with the signed `X-Rapport-Identity` the gateway would add. ")
                .append(clients)
                .append(" clients, ")
                .append(run.sizes.compare().toSeconds())
                .append(" s each, each right after its own warm-up (")
                .append(run.warmUpRule())
                .append(").\n\n");
        section.append(run.loadTable(List.of(gwId, dirId, gwList, dirList)));
        section.append("\n| ratio | gateway ÷ direct |\n| --- | --- |\n")
                .append("| read by id | ")
                .append(Stats.ratio(byId))
                .append(" |\n| list | ")
                .append(Stats.ratio(list))
                .append(" |\n");
        run.report.section(Scenarios.GATEWAY, section.toString());
        run.report.target(
                Scenarios.GATEWAY,
                "gateway ÷ direct, read by id",
                "≥ 0.6 [0.24; nginx 0.99]",
                Stats.ratio(byId) + " (" + Stats.rate(gwId.rate()) + " vs " + Stats.rate(dirId.rate()) + ")",
                byId >= 0.6);
        run.report.target(
                Scenarios.GATEWAY + 1,
                "gateway ÷ direct, list",
                "(measured)",
                Stats.ratio(list) + " (" + Stats.rate(gwList.rate()) + " vs " + Stats.rate(dirList.rate()) + ")",
                "measured");
    }
}
