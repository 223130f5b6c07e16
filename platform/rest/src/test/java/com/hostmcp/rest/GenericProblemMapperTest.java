package com.hostmcp.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The generic paths the services' own tests do not reach: the catch-all 500, the enum and wrong-type messages, the
 * framework's 404/405/415, and a service's own mapper winning over the catch-all.
 */
@QuarkusTest
class GenericProblemMapperTest {

    private static final String PAINTS = "/problems-test/paints";

    @Test
    void anUnexpectedFailureIsA500ProblemWithoutItsInternals() {
        String body = given().get("/problems-test/bug").then().statusCode(500).contentType(Problems.PROBLEM_JSON)
                .body("title", equalTo("Internal error"))
                .body("detail", equalTo("something went wrong on our side; please retry later"))
                .extract().asString();
        assertThat(body).doesNotContain("IllegalStateException").doesNotContain("db-7").doesNotContain("at com.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-accepting", "admin-shutdown", "connection-lost", "jdbc-connection", "refused", "reset",
            "channel-closed" })
    void aDatabaseOutageIsA503ToRetryWithoutItsInternals(String failure) {
        String body = given().get("/problems-test/database/" + failure).then().statusCode(503)
                .contentType(Problems.PROBLEM_JSON).header("Retry-After", "5")
                .body("title", equalTo("Service unavailable"))
                .body("detail", equalTo(Problems.TEMPORARILY_UNAVAILABLE)).extract().asString();
        assertThat(body).doesNotContain("Exception").doesNotContain("hostmcp_x").doesNotContain("10.0.0.7")
                .doesNotContain("db-7");
    }

    @ParameterizedTest
    @ValueSource(strings = { "unique-violation", "syntax" })
    void aDatabaseErrorThatIsNoOutageStaysA500(String failure) {
        String body = given().get("/problems-test/database/" + failure).then().statusCode(500)
                .contentType(Problems.PROBLEM_JSON).header("Retry-After", nullValue())
                .body("title", equalTo("Internal error")).extract().asString();
        assertThat(body).doesNotContain("keys_pkey").doesNotContain("SELEC");
    }

    @Test
    void aServicesOwnMapperWinsOverTheCatchAll() {
        given().get("/problems-test/empty-shop").then().statusCode(503).contentType(Problems.PROBLEM_JSON)
                .header("Retry-After", "30").body("detail", equalTo("the shop has no paint left"));
    }

    @Test
    void violationsNameEachFieldSortedByField() {
        given().contentType(ContentType.JSON).body(Map.of("name", " ", "colour", "RED", "coats", 0)).post(PAINTS)
                .then().statusCode(400).contentType(Problems.PROBLEM_JSON)
                .body("title", equalTo("Bad request")).body("detail", equalTo(Problems.INVALID_FIELDS))
                .body("errors.field", contains("coats", "name"));
        given().queryParam("limit", 0).get(PAINTS).then().statusCode(400).contentType(Problems.PROBLEM_JSON)
                .body("errors.field", contains("limit"));
    }

    @Test
    void aValueOutsideAnEnumNamesTheFieldAndTheAllowedValues() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Ochre", "colour", "BLUE", "coats", 1)).post(PAINTS)
                .then().statusCode(400).contentType(Problems.PROBLEM_JSON)
                .body("errors[0].field", equalTo("colour")).body("errors[0].message", equalTo("must be one of [RED, GREEN]"));
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldAndABodyOfTheWrongShapeNamesTheRequest() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Ochre", "colour", "RED", "coats", "many"))
                .post(PAINTS).then().statusCode(400).contentType(Problems.PROBLEM_JSON)
                .body("errors[0].field", equalTo("coats"))
                .body("errors[0].message", equalTo("has a value of the wrong type"));
        given().contentType(ContentType.JSON).body("[1, 2]").post(PAINTS).then().statusCode(400)
                .contentType(Problems.PROBLEM_JSON).body("errors[0].field", equalTo("request"));
    }

    @Test
    void malformedJsonIsABadRequestWithoutFieldErrors() {
        given().contentType(ContentType.JSON).body("{\"name\": ").post(PAINTS).then().statusCode(400)
                .contentType(Problems.PROBLEM_JSON)
                .body("detail", equalTo("the request body is not valid JSON for this operation"))
                .body("errors", nullValue());
    }

    @Test
    void notFoundSaysWhatIsMissingWhenTheResourceSaysIt() {
        given().get(PAINTS + "/ochre").then().statusCode(404).contentType(Problems.PROBLEM_JSON)
                .body("title", equalTo("Not found")).body("detail", equalTo("no paint named ochre"));
    }

    @Test
    void theFrameworksNotFoundsSayNoSuchResourceAndNothingOfTheirCause() {
        given().get("/problems-test/nowhere").then().statusCode(404).contentType(Problems.PROBLEM_JSON)
                .body("title", equalTo("Not found")).body("detail", equalTo("no such resource"));
        // JAX-RS answers an unconvertible query parameter with a 404 whose message is its cause
        String body = given().queryParam("limit", "many").get(PAINTS).then().statusCode(404)
                .contentType(Problems.PROBLEM_JSON).body("detail", equalTo("no such resource")).extract().asString();
        assertThat(body).doesNotContain("Exception").doesNotContain("many");
    }

    @Test
    void theFrameworksOtherRefusalsAreProblemsToo() {
        given().delete(PAINTS).then().statusCode(405).contentType(Problems.PROBLEM_JSON)
                .body("detail", equalTo("method not allowed here"));
        given().contentType(ContentType.TEXT).body("Ochre").post(PAINTS).then().statusCode(415)
                .contentType(Problems.PROBLEM_JSON).body("detail", equalTo("unsupported content type"));
        // and an unconvertible header with a 400
        given().header("X-Coats", "many").get("/problems-test/mixes").then().statusCode(400)
                .contentType(Problems.PROBLEM_JSON)
                .body("detail", equalTo("the request is malformed: check the path, query parameters and body"));
    }
}
