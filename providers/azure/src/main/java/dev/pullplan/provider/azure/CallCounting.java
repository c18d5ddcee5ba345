package dev.pullplan.provider.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.pullplan.spi.RunContext;
import reactor.core.publisher.Mono;

/** Counts every request sent to ARM or Graph (retries included: each one costs quota). */
final class CallCounting implements HttpPipelinePolicy {
  private final RunContext run;

  CallCounting(RunContext run) {
    this.run = run;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    count(context);
    return next.process();
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    count(context);
    return next.processSync();
  }

  private void count(HttpPipelineCallContext context) {
    run.countCall("azure", ApiCallName.of(context.getHttpRequest().getHttpMethod().name(),
        context.getHttpRequest().getUrl().getPath()));
  }
}
