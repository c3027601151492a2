//! `roundtrip`: what one SQL statement costs through sqlx, whose SQLite connections each
//! run on their own worker thread: back to back, and after the worker has gone idle.

use crate::util::{database_file, sql_err, Args, BenchResult, Stats};
use std::time::{Duration, Instant};

pub async fn run(args: &Args) -> BenchResult {
    let dir = args.dir()?;
    let (db, _) = mentordesk_db::Db::open(&database_file(&dir))
        .await
        .map_err(|e| e.message)?;
    let n = 3000;
    let mut conn = db.read().await.map_err(|e| e.message)?;
    let id: String = sqlx::query_scalar("SELECT id FROM users LIMIT 1 OFFSET 5000")
        .fetch_one(&mut *conn)
        .await
        .map_err(sql_err)?;
    for pause_us in [0u64, 50, 200, 1000] {
        let mut times = Vec::with_capacity(n);
        for _ in 0..n {
            if pause_us > 0 {
                // Busy-wait, so this thread stays on its CPU while the worker idles.
                let until = Instant::now() + Duration::from_micros(pause_us);
                while Instant::now() < until {
                    std::hint::spin_loop();
                }
            }
            let t = Instant::now();
            let _: Option<String> = sqlx::query_scalar("SELECT email FROM users WHERE id = ?")
                .bind(&id)
                .fetch_optional(&mut *conn)
                .await
                .map_err(sql_err)?;
            times.push(t.elapsed());
        }
        println!(
            "roundtrip: a user by id, {pause_us:>4} µs after the previous statement: {}",
            Stats::new(times).line()
        );
    }
    Ok(())
}
