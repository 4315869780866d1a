package dev.holdout.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void reports_show_the_url_without_credentials_or_query() {
    assertThat(Endpoint.shown(URI.create("https://user:secret@api.example.com:8443/v1/predict?key=abc"))).isEqualTo("https://api.example.com:8443/v1/predict");
    assertThat(Endpoint.shown(URI.create("http://127.0.0.1/p"))).isEqualTo("http://127.0.0.1/p");
  }

  @Test
  void a_percent_encoded_path_is_shown_as_it_was_given() {
    assertThat(Endpoint.shown(URI.create("http://127.0.0.1:9000/v1/my%20model"))).isEqualTo("http://127.0.0.1:9000/v1/my%20model");
  }
}
