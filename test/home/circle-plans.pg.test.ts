import { circleParams, circleQueries } from '../../src/storage/home-circle';
import { activeWithLatestQuery } from '../../src/storage/goal-repository';
import { planWithStepsQuery } from '../../src/storage/development-plan-repository';
import { describeEachEngine } from '../helpers/engines';
import { planOf } from '../helpers/explain';

/**
 * The statements an App Home open now sends (home-circle.ts, goals with their latest check-ins, a plan with its
 * steps) each seek an index on both engines: none scans people, the 1:1, action item or kudos tables, goals or
 * check-ins, so their cost follows the viewer's circle, not the org.
 */
describeEachEngine('App Home merged queries use their indexes', (ctx) => {
  const queries = () => ({
    people: circleQueries(ctx.db, circleParams('UV', 0, 5)).people,
    context: circleQueries(ctx.db, circleParams('UV', 0, 5)).context,
    goals: activeWithLatestQuery(ctx.db, ['UV', 'UM', 'UP1', 'UR1']),
    circleGoals: circleQueries(ctx.db, circleParams('UV', 0, 5)).goals,
    plan: planWithStepsQuery(ctx.db, 'UV'),
  });
  const TABLES = 'one_on_ones|action_items|kudos|kudos_recipients|people|goals|goal_check_ins|settings|goal_reminder_opt_outs|development_plans|plan_next_steps|plan_suggestions';
  it.each(['people', 'context', 'goals', 'circleGoals', 'plan'] as const)('%s', async (name) => {
    const plan = await planOf(ctx.engine, ctx.db, queries()[name]);
    if (process.env.SHOW_PLANS) console.log(`${ctx.engine} ${name}\n${plan.join('\n')}`);
    expect(plan.length).toBeGreaterThan(0);
    if (ctx.engine === 'sqlite') {
      for (const step of plan) {
        expect(step).not.toMatch(new RegExp(`^SCAN (${TABLES})\\b`));
        expect(step).not.toMatch(/AUTOMATIC/);
      }
      expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
    } else {
      expect(plan.join('\n')).not.toMatch(new RegExp(`Seq Scan on (${TABLES})\\b`));
      expect(plan.join('\n')).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
    }
  });
});
