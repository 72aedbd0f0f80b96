# syntax=docker/dockerfile:1
# A chat node built from this repository: the Maven wrapper builds the chat-webflux fat jar, npm the browser
# client, and a JRE image runs the jar as a non-root user, serving the client at /. Build context: the repository root (see docker-compose.yml).

FROM eclipse-temurin:17.0.16_8-jdk-noble AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache, kept between builds and never in the image.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl chat-webflux -am -DskipTests -Dspring-javaformat.skip=true package \
    && cp chat-webflux/target/chat-webflux.jar /src/chat-webflux.jar

# The browser client (chat-react): every node serves its build at / (nginx proxies / to the nodes).
FROM node:20.19.5-bookworm-slim AS client
WORKDIR /client
COPY chat-react/package.json chat-react/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY chat-react/ ./
RUN npm run build

FROM eclipse-temurin:17.0.16_8-jre-noble
RUN groupadd --system chat \
    && useradd --system --gid chat --home-dir /app --no-create-home --shell /usr/sbin/nologin chat
WORKDIR /app
COPY --from=build /src/chat-webflux.jar /app/chat-webflux.jar
COPY --from=client /client/dist /app/client
COPY --chmod=0755 chat-infra/compose/node-healthcheck.sh /app/healthcheck.sh
USER chat
# 8080: REST, WebSocket, /livez and /readyz. 8081: management (/actuator/prometheus, detailed health).
EXPOSE 8080 8081
ENV SERVER_ADDRESS=0.0.0.0 SERVER_PORT=8080 SPRING_WEB_RESOURCES_STATICLOCATIONS=file:/app/client/
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=6 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["java", "-jar", "/app/chat-webflux.jar"]
