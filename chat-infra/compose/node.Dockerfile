# syntax=docker/dockerfile:1
# A chat node built from this repository: the Maven wrapper builds the chat-webflux fat jar, and a JRE
# image runs it as a non-root user. Build context: the repository root (see docker-compose.yml).

FROM eclipse-temurin:17.0.16_8-jdk-noble AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache, kept between builds and never in the image.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl chat-webflux -am -DskipTests -Dspring-javaformat.skip=true package \
    && cp chat-webflux/target/chat-webflux.jar /src/chat-webflux.jar

FROM eclipse-temurin:17.0.16_8-jre-noble
RUN groupadd --system chat \
    && useradd --system --gid chat --home-dir /app --no-create-home --shell /usr/sbin/nologin chat
WORKDIR /app
COPY --from=build /src/chat-webflux.jar /app/chat-webflux.jar
COPY --chmod=0755 chat-infra/compose/node-healthcheck.sh /app/healthcheck.sh
USER chat
# 8080: REST, WebSocket, /livez and /readyz. 8081: management (/actuator/prometheus, detailed health).
EXPOSE 8080 8081
ENV SERVER_ADDRESS=0.0.0.0 SERVER_PORT=8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=6 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["java", "-jar", "/app/chat-webflux.jar"]
