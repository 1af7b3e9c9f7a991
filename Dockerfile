# One image recipe for the four Rapport processes; the Maven module is chosen by a build argument:
#
#   docker build --build-arg MODULE=contacts-service -t rapport/contacts-service .
#
# MODULE is one of contacts-service, reminders-service, content-service, gateway (docker-compose.yml
# passes it). Works with the classic builder and BuildKit alike (no BuildKit-only syntax).

ARG JDK_IMAGE=eclipse-temurin:21-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:21-jre-noble

# ---------------------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /workspace

# The wrapper and every pom first: the dependency layer below is rebuilt only when a pom changes,
# and it is the same layer for all four modules. A new module must be added to this list.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY rapport-contracts/pom.xml rapport-contracts/
COPY service-support/pom.xml service-support/
COPY test-kit/pom.xml test-kit/
COPY contacts-service/pom.xml contacts-service/
COPY reminders-service/pom.xml reminders-service/
COPY content-service/pom.xml content-service/
COPY gateway/pom.xml gateway/
COPY local-platform/pom.xml local-platform/
RUN chmod +x mvnw \
    && ./mvnw -B -q dependency:go-offline -Dspotless.check.skip=true

COPY . .

# Declared after the shared layers so that they do not depend on it.
ARG MODULE
RUN case "${MODULE}" in \
      contacts-service|reminders-service|content-service|gateway) ;; \
      *) echo "build argument MODULE must be contacts-service, reminders-service, content-service or gateway (got '${MODULE}')" >&2; exit 1 ;; \
    esac \
    && ./mvnw -B -pl "${MODULE}" -am package -DskipTests -Dspotless.check.skip=true \
    && mkdir -p /out \
    && cp "${MODULE}/target/${MODULE}-"*.jar /out/app.jar

# ---------------------------------------------------------------------------------------------------
FROM ${JRE_IMAGE}
ARG MODULE
LABEL org.opencontainers.image.title="rapport-${MODULE}" \
      org.opencontainers.image.description="Rapport ${MODULE}" \
      org.opencontainers.image.source="https://github.com/rapport/rapport"

# curl for the compose health checks (GET /actuator/health/readiness on the management port). The
# Temurin Ubuntu images have shipped curl so far, but nothing promises it: install it explicitly.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 rapport \
    && useradd --system --uid 10001 --gid rapport --home-dir /app --no-create-home --shell /usr/sbin/nologin rapport

WORKDIR /app
# Owned by root and read-only for the process: the application cannot rewrite itself.
COPY --from=build /out/app.jar /app/app.jar

# Heap as a share of the container's memory limit (mem_limit in docker-compose.yml), leaving the rest
# for metaspace, threads, Netty and Kafka buffers; die on OutOfMemoryError so that the restart policy
# brings back a clean process. Override per container with JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
EXPOSE 8080 8081 8082 8083
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
