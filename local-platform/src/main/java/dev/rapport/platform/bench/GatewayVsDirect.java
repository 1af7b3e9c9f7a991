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
        // Warm-up (both JIT compilers and connection pools), not counted.
        for (Load.Call call : List.of(gatewayById, directById, gatewayList, directList)) {
            Load.run("warm-up", clients, run.sizes.warmup(), Duration.ofSeconds(30), call);
        }
        Load.Result gwId = Load.run("gateway-by-id", clients, run.sizes.compare(), Duration.ofSeconds(30), gatewayById);
        Load.Result dirId = Load.run("direct-by-id", clients, run.sizes.compare(), Duration.ofSeconds(30), directById);
        Load.Result gwList =
                Load.run("gateway-list", clients, run.sizes.compare(), Duration.ofSeconds(30), gatewayList);
        Load.Result dirList = Load.run("direct-list", clients, run.sizes.compare(), Duration.ofSeconds(30), directList);
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
                .append(" s each, after ")
                .append(run.sizes.warmup().toSeconds())
                .append(" s of warm-up each.\n\n");
        section.append(Scenarios.loadTable(List.of(gwId, dirId, gwList, dirList)));
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
