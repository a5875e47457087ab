// One session of the third-party `mlflow` npm client against Costscope's tracking endpoint.
// Usage: node session.js http://127.0.0.1:PORT   (exit code 0 when every check holds)
'use strict';
const MLflow = require('mlflow');

const endpoint = process.argv[2];
const client = new MLflow({endpoint});
const {Experiments, Runs, Metrics} = client;

function check(condition, what) {
  if (!condition) {
    console.error('FAILED: ' + what);
    process.exit(1);
  }
}

(async () => {
  const {experiment_id} = await Experiments.create({name: 'npm-client'});
  check(typeof experiment_id === 'string' && experiment_id.length > 0, 'experiment id');
  const {experiment} = await Experiments.get({experiment_id});
  check(experiment.name === 'npm-client', 'experiment name');
  const {experiments} = await Experiments.list({});
  check(experiments.some((e) => e.name === 'Default') && experiments.some((e) => e.name === 'npm-client'), 'list');

  const start = 1700000000000;
  const {run} = await Runs.create({experiment_id, user_id: 'node', start_time: start,
                                   tags: [{key: 'mlflow.runName', value: 'from-node'}]});
  const run_id = run.info.run_id;
  check(run.info.status === 'RUNNING' && run.info.run_name === 'from-node', 'run created');
  await Runs.logParameter({run_id, key: 'lr', value: '0.05'});
  await Runs.logMetric({run_id, key: 'loss', value: 0.9, timestamp: start + 1000, step: 0});
  await Runs.logBatch({run_id, metrics: [{key: 'loss', value: 0.4, timestamp: start + 2000, step: 1},
                                         {key: 'acc', value: 0.8, timestamp: start + 2000, step: 1}],
                       params: [{key: 'epochs', value: '2'}], tags: [{key: 'costscope.instance_type', value: 'm5.large'}]});
  await Runs.setTag({run_id, key: 'stage', value: 'test'});
  await Runs.deleteTag({run_id, key: 'stage'});
  let refused = false;
  try {
    await Runs.logParameter({run_id, key: 'lr', value: '0.5'});
  } catch (e) {
    refused = String(e).includes('INVALID_PARAMETER_VALUE');
  }
  check(refused, 'changing a param is refused with INVALID_PARAMETER_VALUE');
  await Runs.update({run_id, status: 'FINISHED', end_time: start + 60000});

  const got = (await Runs.get({run_id})).run;
  check(got.info.status === 'FINISHED' && got.info.end_time === start + 60000, 'run finished');
  const loss = got.data.metrics.find((m) => m.key === 'loss');
  check(loss && loss.value === 0.4 && loss.step === 1, 'latest loss');
  check(got.data.params.length === 2, 'two params');
  check(!got.data.tags.some((t) => t.key === 'stage'), 'tag deleted');

  const {runs} = await Runs.search({experiment_ids: [experiment_id], filter: "metrics.acc > 0.5 and params.lr = '0.05'",
                                    run_view_type: 'ACTIVE_ONLY', max_results: 10, order_by: ['metrics.loss ASC']});
  check(runs && runs.length === 1 && runs[0].info.run_id === run_id, 'search');
  const {metrics} = await Metrics.getHistory({run_id, metric_key: 'loss'});
  check(metrics.length === 2 && metrics[0].value === 0.9, 'history');
  console.log('ok ' + run_id);
})().catch((e) => {
  console.error('FAILED: ' + e);
  process.exit(1);
});
