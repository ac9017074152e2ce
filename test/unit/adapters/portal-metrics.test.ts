import {
  InMemoryPortalMetrics,
  PowertoolsPortalMetrics,
} from '../../../functions/adapters/metrics/portal-metrics';

type Emf = {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [field: string]: unknown;
};

/** Powertools Metrics writes EMF as JSON lines to stdout: collect them while `act` runs. */
const emfWrittenBy = (act: () => void): Emf[] => {
  const written: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    write.mockRestore();
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
};

describe('Class: PowertoolsPortalMetrics', () => {
  const disabled = process.env.POWERTOOLS_METRICS_DISABLED;
  let metrics: PowertoolsPortalMetrics;

  beforeEach(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    metrics = new PowertoolsPortalMetrics({ serviceName: 'registrations' });
  });

  afterAll(() => {
    if (disabled === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = disabled;
  });

  describe('Method: flush', () => {
    it('writes the counts as EMF in the SrsPortal namespace, with the service dimension', () => {
      // Prepare
      metrics.count('RegistrationCompleted');
      metrics.count('SmsSent', 2);

      // Act
      const emf = emfWrittenBy(() => metrics.flush());

      // Assess
      expect(emf).toHaveLength(1);
      expect(emf[0]!._aws.CloudWatchMetrics).toEqual([
        {
          Namespace: 'SrsPortal',
          Dimensions: [['service']],
          Metrics: [
            { Name: 'RegistrationCompleted', Unit: 'Count' },
            { Name: 'SmsSent', Unit: 'Count' },
          ],
        },
      ]);
      expect(emf[0]).toMatchObject({ service: 'registrations', RegistrationCompleted: 1, SmsSent: 2 });
    });

    it('writes nothing when nothing was counted', () => {
      expect(emfWrittenBy(() => metrics.flush())).toEqual([]);
    });
  });

  describe('Method: count', () => {
    it('writes a count with dimensions at once, under those dimensions', () => {
      // Act
      const emf = emfWrittenBy(() => metrics.count('LoginSucceeded', 1, { method: 'id_card' }));

      // Assess
      expect(emf).toHaveLength(1);
      expect(emf[0]!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'method']]);
      expect(emf[0]).toMatchObject({ service: 'registrations', method: 'id_card', LoginSucceeded: 1 });
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses the count %p', (value) => {
      expect(() => metrics.count('SmsSent', value)).toThrow(RangeError);
    });
  });

  describe('Method: storeCalls', () => {
    it('writes the calls (Count) and their time (Milliseconds) at once, each under the route', () => {
      // Act
      const emf = emfWrittenBy(() => metrics.storeCalls('register', { calls: 4, ms: 12.5 }));

      // Assess
      expect(emf.map((line) => line._aws.CloudWatchMetrics[0])).toEqual([
        {
          Namespace: 'SrsPortal',
          Dimensions: [['service', 'route']],
          Metrics: [{ Name: 'StoreCalls', Unit: 'Count' }],
        },
        {
          Namespace: 'SrsPortal',
          Dimensions: [['service', 'route']],
          Metrics: [{ Name: 'StoreCallTime', Unit: 'Milliseconds' }],
        },
      ]);
      expect(emf[0]).toMatchObject({ service: 'registrations', route: 'register', StoreCalls: 4 });
      expect(emf[1]).toMatchObject({ service: 'registrations', route: 'register', StoreCallTime: 12.5 });
    });
  });
});

describe('Class: InMemoryPortalMetrics', () => {
  it('totals counts by name, and by dimensions when asked', () => {
    // Prepare
    const metrics = new InMemoryPortalMetrics();

    // Act
    metrics.count('LoginSucceeded', 1, { method: 'password' });
    metrics.count('LoginSucceeded', 1, { method: 'id_card' });
    metrics.count('LoginSucceeded', 2, { method: 'password' });
    metrics.count('SmsSent');

    // Assess
    expect(metrics.total('LoginSucceeded')).toBe(4);
    expect(metrics.total('LoginSucceeded', { method: 'password' })).toBe(3);
    expect(metrics.total('SmsSent')).toBe(1);
    expect(metrics.total('AccessReported')).toBe(0);
    expect(metrics.counted()).toHaveLength(3);
  });

  it('totals store calls and their milliseconds per route', () => {
    // Prepare
    const metrics = new InMemoryPortalMetrics();

    // Act
    metrics.storeCalls('login', { calls: 3, ms: 4 });
    metrics.storeCalls('login', { calls: 2, ms: 1.5 });
    metrics.storeCalls('getCabinet', { calls: 1, ms: 1 });

    // Assess
    expect(metrics.total('StoreCalls', { route: 'login' })).toBe(5);
    expect(metrics.total('StoreCallTime', { route: 'login' })).toBe(5.5);
    expect(metrics.total('StoreCalls')).toBe(6);
  });

  it('forgets everything on reset', () => {
    // Prepare
    const metrics = new InMemoryPortalMetrics();
    metrics.count('SmsSent');

    // Act
    metrics.reset();

    // Assess
    expect(metrics.counted()).toEqual([]);
  });
});
